-- Portal accounts and everything that proves who is asking: sessions, refresh tokens, one-time
-- codes and links (stored only as hashes), rate-limit counters, the audit trail and idempotency keys.
-- Times are UTC ISO 8601 strings, so they sort and compare as text.

CREATE TABLE accounts (
  id                 TEXT PRIMARY KEY,
  email              TEXT NOT NULL COLLATE NOCASE UNIQUE,
  password_hash      TEXT NOT NULL,
  patient_id         TEXT,
  role               TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'staff')),
  status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active')),
  security_option    TEXT CHECK (security_option IN ('totp', 'recovery-codes')),
  totp_secret        TEXT,
  -- Set up but not yet confirmed with a first code.
  totp_pending_secret TEXT,
  -- The last TOTP time step accepted: the same code cannot be used twice.
  totp_last_step     INTEGER NOT NULL DEFAULT 0,
  two_step           INTEGER NOT NULL DEFAULT 0 CHECK (two_step IN (0, 1)),
  -- Names for accounts that are not a patient of the practice (family members, staff).
  given_name         TEXT NOT NULL DEFAULT '',
  family_name        TEXT NOT NULL DEFAULT '',
  email_confirmed_at TEXT,
  profile_json       TEXT NOT NULL DEFAULT '{}',
  profile_version    INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
-- One account per patient of the practice.
CREATE UNIQUE INDEX accounts_patient ON accounts (patient_id) WHERE patient_id IS NOT NULL;

-- A registration waiting for its e-mail code. kind 'address-in-use' rows exist so that an attempt
-- with a taken address behaves exactly like a real one (no code will ever match).
CREATE TABLE pending_registrations (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('new', 'address-in-use')),
  email          TEXT NOT NULL COLLATE NOCASE,
  patient_id     TEXT NOT NULL,
  given_name     TEXT NOT NULL,
  family_name    TEXT NOT NULL,
  mobile_phone   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  enrollment_code_id TEXT,
  code_hash      TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  expires_at     TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX pending_registrations_patient ON pending_registrations (patient_id);

-- A new e-mail address waiting for its code (one per account).
CREATE TABLE email_changes (
  account_id  TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  new_email   TEXT NOT NULL COLLATE NOCASE,
  code_hash   TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  expires_at  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE recovery_codes (
  account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash   TEXT NOT NULL,
  used_at     TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, code_hash)
) WITHOUT ROWID;

-- One row per sign-in chain; every refresh token of the chain points here.
CREATE TABLE sessions (
  id             TEXT PRIMARY KEY,
  account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  device         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_used_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  revoked_at     TEXT,
  revoked_reason TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE refresh_tokens (
  token_hash  TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  rotated_at  TEXT
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- The second step of a sign-in with two-step verification turned on.
CREATE TABLE sign_in_challenges (
  challenge_hash TEXT PRIMARY KEY,
  account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  device         TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  created_at     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE password_resets (
  token_hash  TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Office-issued one-time codes that let a 13-17-year-old register.
CREATE TABLE enrollment_codes (
  id          TEXT PRIMARY KEY,
  code_hash   TEXT NOT NULL UNIQUE,
  patient_id  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  created_at  TEXT NOT NULL
);

-- Failure counters for rate limits, keyed by what is limited ("sign-in:email:...", "sign-in:ip:...").
CREATE TABLE throttles (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until TEXT,
  updated_at   TEXT NOT NULL
) WITHOUT ROWID;

-- The activity history. Never health details: an action, who, whose record, where it went, device.
CREATE TABLE audit_events (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  at               TEXT NOT NULL,
  action           TEXT NOT NULL,
  account_id       TEXT,
  actor_account_id TEXT,
  patient_id       TEXT,
  addressee        TEXT,
  device           TEXT
);
CREATE INDEX audit_events_account ON audit_events (account_id, at);
CREATE INDEX audit_events_patient ON audit_events (patient_id, at);

-- Answers to requests that carried an Idempotency-Key, replayed when the same request comes again.
-- status 0 marks a request still running.
CREATE TABLE idempotency_keys (
  account_id  TEXT NOT NULL,
  key         TEXT NOT NULL,
  method      TEXT NOT NULL,
  path        TEXT NOT NULL,
  status      INTEGER NOT NULL,
  response    TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, key)
) WITHOUT ROWID;
