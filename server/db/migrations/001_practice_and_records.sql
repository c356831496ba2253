-- Facts about this database itself (demo seed date, schema notes). Not health information.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Clinical and practice resources, FHIR R4 JSON plus the columns needed to query and sync them.
-- seq is the change sequence number: every insert, change or deletion takes the next value, so
-- pull sync can ask for "everything after seq N" per patient.
CREATE TABLE resources (
  type        TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  patient_id  TEXT,
  date        TEXT,
  seq         INTEGER NOT NULL UNIQUE,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  json        TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  PRIMARY KEY (type, id)
) WITHOUT ROWID;

CREATE INDEX resources_patient_seq ON resources (patient_id, seq);
CREATE INDEX resources_patient_type_date ON resources (patient_id, type, date);

-- Business identifiers of resources (Patient.identifier, Practitioner NPI...), for matching on
-- import and for resolving conditional references such as Practitioner?identifier=system|value.
CREATE TABLE resource_identifiers (
  type    TEXT NOT NULL,
  system  TEXT NOT NULL,
  value   TEXT NOT NULL,
  id      TEXT NOT NULL,
  PRIMARY KEY (type, system, value),
  FOREIGN KEY (type, id) REFERENCES resources (type, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX resource_identifiers_resource ON resource_identifiers (type, id);

-- The next change sequence number lives in one row so that concurrent writers serialize on it.
CREATE TABLE change_sequence (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO change_sequence (only_row, last_seq) VALUES (1, 0);
