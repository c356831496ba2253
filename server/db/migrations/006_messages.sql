-- Secure messages between a patient's side (the patient, or a family member writing for them) and
-- the practice. Bodies are health information: they live only here, never in the log or the audit
-- trail. Names are copied at sending time, so a thread reads the same after a name change.

-- One conversation on one patient's record, with a provider (topic 'care') or the billing office.
CREATE TABLE message_threads (
  id               TEXT PRIMARY KEY,
  -- The FHIR Patient id the conversation is about (no foreign key: resources are keyed by type, id).
  patient_id       TEXT NOT NULL,
  topic            TEXT NOT NULL CHECK (topic IN ('care', 'billing')),
  -- A subject id from core/messages.ts MESSAGE_SUBJECTS.
  subject          TEXT NOT NULL,
  -- The Practitioner and Location of a care thread; NULL for the billing office.
  practitioner_id  TEXT,
  location_id      TEXT,
  -- "Dr. Leila Haddad" or "Billing office"; the office's name ('' for billing).
  with_name        TEXT NOT NULL,
  location_name    TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  last_message_at  TEXT NOT NULL,
  CHECK ((topic = 'care') = (practitioner_id IS NOT NULL AND location_id IS NOT NULL))
);
-- The patient's message list, newest activity first.
CREATE INDEX message_threads_patient ON message_threads (patient_id, last_message_at);
-- The practice's inbox, oldest waiting first.
CREATE INDEX message_threads_activity ON message_threads (last_message_at);

CREATE TABLE messages (
  id                TEXT PRIMARY KEY,
  thread_id         TEXT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
  -- 'patient': the patient or a family member; 'practice': a staff account.
  from_side         TEXT NOT NULL CHECK (from_side IN ('patient', 'practice')),
  -- Who wrote it; NULL once that account is gone (the name below stays).
  author_account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
  author_name       TEXT NOT NULL,
  -- The patient's name when a family member wrote for them; NULL when the patient wrote.
  on_behalf_of      TEXT,
  body              TEXT NOT NULL,
  sent_at           TEXT NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, sent_at);

-- When each account last opened each thread: a practice message after it is unread for them.
CREATE TABLE thread_reads (
  thread_id   TEXT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
  account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  read_at     TEXT NOT NULL,
  PRIMARY KEY (thread_id, account_id)
) WITHOUT ROWID;
CREATE INDEX thread_reads_account ON thread_reads (account_id);
