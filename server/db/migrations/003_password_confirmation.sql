-- When the password was last entered in this session (sign-in, unlock, or "confirm your password").
-- Changing the security option needs a recent one, so a borrowed unlocked phone cannot swap it.
-- NULL means "at sign-in": the session's created_at.
ALTER TABLE sessions ADD COLUMN password_confirmed_at TEXT;
