-- Family access: which portal accounts may open which patients' records, and how far. The access
-- service (server/services/access) is the only reader; it adds the age rules on top of `level`.
-- Ending access keeps the row (ended_at, ended_reason), so the history of who could see a record
-- survives and a re-granted access is a new row. Invitations, passcode requests and the teen's own
-- choices (a later issue) point their rows here through `source`.
CREATE TABLE proxy_access (
  id            TEXT PRIMARY KEY,
  -- The FHIR Patient id whose record is shared. Resources live in `resources`, keyed by (type, id),
  -- so there is no foreign key; a Patient that is gone simply puts no one in reach.
  patient_id    TEXT NOT NULL,
  account_id    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- 'full': the record and billing; 'billing': statements and billing contacts only.
  level         TEXT NOT NULL CHECK (level IN ('full', 'billing')),
  -- How the patient (or the office) described the family member: 'parent', 'spouse', 'guardian'...
  relationship  TEXT NOT NULL,
  -- 'guardian': set up by the practice (a parent or legal guardian); 'invitation': the patient
  -- invited this account; 'request': the account asked and the patient consented with a passcode.
  source        TEXT NOT NULL CHECK (source IN ('guardian', 'invitation', 'request')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  ended_at      TEXT,
  -- Why access ended ('removed-by-patient', 'removed-by-practice', 'turned-18'...); set with ended_at.
  ended_reason  TEXT,
  CHECK ((ended_at IS NULL) = (ended_reason IS NULL))
);
-- At most one live access per patient and account; ended rows stay as history.
CREATE UNIQUE INDEX proxy_access_live ON proxy_access (patient_id, account_id) WHERE ended_at IS NULL;
-- "Whose records may this account open?" is asked on every sync.
CREATE INDEX proxy_access_account ON proxy_access (account_id);
