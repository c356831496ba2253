-- New-message notifications (issue 11). Neither table holds health information: a browser's push
-- address and keys, and when an account was last told "You have a new message" about a thread.

-- The browsers that asked for notifications, each for the account signed in when it asked. The
-- endpoint is the push service's address for that one browser (a capability URL, kept secret);
-- p256dh and auth (base64url) are what each payload is encrypted to (RFC 8291).
CREATE TABLE push_subscriptions (
  endpoint    TEXT NOT NULL UNIQUE,
  account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  p256dh      TEXT NOT NULL,
  auth        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX push_subscriptions_account ON push_subscriptions (account_id, created_at);

-- The last new-message notice (e-mail or push) per account and thread: the sent_at of the practice
-- answer it was about. No second notice goes out until the account has opened the thread at or
-- after that answer (thread_reads), so a busy thread sends one notice per visit, not one per answer.
CREATE TABLE message_notices (
  thread_id   TEXT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
  account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  message_at  TEXT NOT NULL,
  noticed_at  TEXT NOT NULL,
  PRIMARY KEY (thread_id, account_id)
) WITHOUT ROWID;
CREATE INDEX message_notices_account ON message_notices (account_id);
