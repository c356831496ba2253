-- A newcomer's account waiting for the e-mailed code (POST /api/family/requests/:id/account): the
-- patient's passcode was right, and the 6-digit code sent to the address the requester gave must
-- come back (POST .../account/confirm) before the account exists. One per request: submitting the
-- details again (a corrected address, a lost mail) replaces it, so the old code no longer works.
-- The code is stored only as a keyed hash bound to the request and the address, the password only
-- as its slow hash.
CREATE TABLE family_request_accounts (
  request_id     TEXT PRIMARY KEY REFERENCES family_requests (id) ON DELETE CASCADE,
  email          TEXT NOT NULL COLLATE NOCASE,
  mobile_phone   TEXT NOT NULL,
  password_hash  TEXT NOT NULL,
  code_hash      TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
