-- Family access set up by patients: the facts the age rules (core/family.ts effectiveLevel) need on
-- each grant, invitations e-mailed to family members, and access requests the patient consents to
-- with a passcode. Tokens and passcodes are stored only as hashes.

-- When the patient themself last chose Full for this family member (NULL for the practice's
-- guardian links): from the 13th birthday only such a choice gives Full.
ALTER TABLE proxy_access ADD COLUMN full_chosen_by_patient_at TEXT;
-- When the patient, aged 18 or more, confirmed a grant that was set up while they were a minor.
ALTER TABLE proxy_access ADD COLUMN confirmed_as_adult_at TEXT;
-- What the grant gave when the age-rule watch (or the change that made it) last looked, so a
-- birthday that changes it is written to the patient's activity history once.
ALTER TABLE proxy_access ADD COLUMN last_effective_level TEXT
  CHECK (last_effective_level IN ('full', 'billing', 'none'));

-- Grants made before this migration through an invitation or a request were the patient's choice.
UPDATE proxy_access SET full_chosen_by_patient_at = created_at
  WHERE source IN ('invitation', 'request') AND level = 'full';

-- "Invite Family Member": an e-mailed single-use link for one family member, accepted by whichever
-- account signs in with it.
CREATE TABLE family_invitations (
  id                   TEXT PRIMARY KEY,
  patient_id           TEXT NOT NULL,
  inviter_account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  given_name           TEXT NOT NULL,
  family_name          TEXT NOT NULL,
  email                TEXT NOT NULL COLLATE NOCASE,
  relationship         TEXT NOT NULL,
  access               TEXT NOT NULL CHECK (access IN ('full', 'billing')),
  token_hash           TEXT NOT NULL UNIQUE,
  status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'cancelled')),
  accepted_account_id  TEXT REFERENCES accounts (id) ON DELETE SET NULL,
  decided_at           TEXT,
  expires_at           TEXT NOT NULL,
  created_at           TEXT NOT NULL
);
CREATE INDEX family_invitations_patient ON family_invitations (patient_id, status);

-- An access request: a passcode went to the patient, and whoever holds it may use the request once.
-- kind 'decoy' rows stand for requests that matched no patient who can be asked (no one, several
-- people, no account): they behave exactly like real ones, and no passcode can ever match them.
CREATE TABLE family_requests (
  id                    TEXT PRIMARY KEY,
  kind                  TEXT NOT NULL CHECK (kind IN ('real', 'decoy')),
  patient_id            TEXT,
  -- Set when a signed-in account asked ("Request access to a family member's account").
  requester_account_id  TEXT REFERENCES accounts (id) ON DELETE CASCADE,
  requester_given_name  TEXT NOT NULL,
  requester_family_name TEXT NOT NULL,
  requester_email       TEXT NOT NULL COLLATE NOCASE,
  relationship          TEXT NOT NULL,
  passcode_hash         TEXT,
  status                TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'used', 'declined')),
  granted_account_id    TEXT REFERENCES accounts (id) ON DELETE SET NULL,
  decided_at            TEXT,
  expires_at            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  CHECK ((kind = 'real') = (patient_id IS NOT NULL AND passcode_hash IS NOT NULL))
);
CREATE INDEX family_requests_patient ON family_requests (patient_id, status);
