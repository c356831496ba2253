-- Files sent with secure messages (core/attachments.ts has the rules and the upload protocol).
-- A file first arrives encrypted, in chunks, into an account's upload staging; only the message that
-- names it carries the key. The server then opens it, checks and cleans it, and stores the cleaned
-- file with the message in one transaction, deleting the upload. File contents are health
-- information: they live only here, never in the log or the audit trail.

-- An upload waiting for its message. The id is made by the client (so a retry names the same
-- upload) and is only unique within the account: another account's upload id names nothing here.
CREATE TABLE uploads (
  account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  -- The whole ciphertext's size in bytes (the file plus the 16-byte GCM tag), fixed by the first chunk.
  total       INTEGER NOT NULL CHECK (total > 0),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
-- Uploads no message took within UPLOAD_KEPT_HOURS are deleted, oldest first.
CREATE INDEX uploads_created ON uploads (created_at);

-- The ciphertext, one row per chunk of UPLOAD_CHUNK_BYTES (the last one shorter). A chunk, once
-- received, never changes: the upload checked is the upload stored.
CREATE TABLE upload_chunks (
  account_id  TEXT NOT NULL,
  upload_id   TEXT NOT NULL,
  idx         INTEGER NOT NULL CHECK (idx >= 0),
  data        BLOB NOT NULL,
  PRIMARY KEY (account_id, upload_id, idx),
  FOREIGN KEY (account_id, upload_id) REFERENCES uploads (account_id, id) ON DELETE CASCADE
);

-- A file of a message, as stored after the check: PDFs as sent, JPEG and PNG without their
-- metadata (location, camera, comments). Size and SHA-256 are those of the stored bytes.
CREATE TABLE message_attachments (
  -- Made by the server; the download path names it with its thread.
  id          TEXT PRIMARY KEY,
  message_id  TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  -- The order the files were attached in, from 0.
  position    INTEGER NOT NULL CHECK (position >= 0),
  -- The file name as shown (core/attachments.ts cleanAttachmentName), with the type's extension.
  name        TEXT NOT NULL,
  media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size        INTEGER NOT NULL CHECK (size > 0),
  sha256      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  -- Last, so reading a message list's attachments (everything but the bytes) never loads the bytes.
  data        BLOB NOT NULL,
  UNIQUE (message_id, position)
);
