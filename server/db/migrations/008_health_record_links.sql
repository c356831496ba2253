-- "Send a secure link" (Health Records): the summary waits here for its recipient, who opens it
-- once with the link from their e-mail and the code the patient passes on by other means. The
-- link's token and the code are stored only as hashes; the package and its readable page are
-- dropped as soon as the link is used or found expired.
CREATE TABLE health_record_links (
  id                     TEXT PRIMARY KEY,
  patient_id             TEXT NOT NULL,
  created_by_account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  recipient_email        TEXT NOT NULL,
  token_hash             TEXT NOT NULL UNIQUE,
  code_hash              TEXT NOT NULL,
  file_name              TEXT NOT NULL,
  package                BLOB,
  html                   TEXT,
  failed_attempts        INTEGER NOT NULL DEFAULT 0,
  created_at             TEXT NOT NULL,
  expires_at             TEXT NOT NULL,
  used_at                TEXT
);
CREATE INDEX health_record_links_patient ON health_record_links (patient_id, created_at);
