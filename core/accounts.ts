// The accounts API contract: request schemas (validated by the client before sending and by the
// server again) and the shapes of the answers. Routes live in server/routes/auth.ts and me.ts.
import { z } from 'zod';
import { parseIsoDate } from './ages';
import { PASSWORD_MAX_LENGTH } from './passwords';

// ---- Field rules -------------------------------------------------------------------------------

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Enter a valid e-mail address.'));
export const personNameSchema = z.string().trim().min(1, 'Required.').max(100, 'Use at most 100 characters.');
export const isoDateSchema = z
  .string()
  .trim()
  .refine((v) => parseIsoDate(v) !== null, 'Enter a valid date (YYYY-MM-DD).');
/** FHIR administrative gender: what the practice's records hold as legal sex. */
export const legalSexSchema = z.enum(['female', 'male', 'other', 'unknown']);
export const zipSchema = z
  .string()
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code.');
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s().-]{7,20}$/, 'Enter a phone number with area code.')
  .refine((v) => v.replace(/\D/g, '').length >= 10, 'Enter a phone number with area code.');
/** Length and content are checked by checkPassword (core/passwords.ts); this only bounds the size. */
export const passwordSchema = z
  .string()
  .min(1, 'Required.')
  .max(PASSWORD_MAX_LENGTH * 4);
export const sixDigitCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code.');
/** A TOTP code (6 digits) or a recovery code (groups of letters and digits, dashes optional). */
export const securityCodeSchema = z
  .string()
  .trim()
  .min(6)
  .max(32)
  .regex(/^[A-Za-z0-9 -]+$/, 'Enter the code from your authenticator app or one of your recovery codes.');
export const opaqueTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,200}$/, 'This link is not valid.');

// ---- Registration ------------------------------------------------------------------------------

export const whoWillUseSchema = z.enum(['patient', 'family-member']);

export const registerPatientRequest = z.object({
  firstName: personNameSchema,
  lastName: personNameSchema,
  birthDate: isoDateSchema,
  legalSex: legalSexSchema,
  zip: zipSchema,
  email: emailSchema,
  mobilePhone: phoneSchema,
  password: passwordSchema,
  /** Required from 13 to 17: a one-time code the office issues. */
  enrollmentCode: z.string().trim().max(40).optional(),
});
export type RegisterPatientRequest = z.input<typeof registerPatientRequest>;

/**
 * Every successful registration answer looks the same, whether the address was free (a code was
 * sent) or already used (an explanation was sent): the page never reveals which addresses exist.
 */
export interface RegisterAccepted {
  status: 'check-your-email';
  /** Opaque id of this attempt, sent back with the code. */
  registrationId: string;
}

export const confirmEmailRequest = z.object({
  registrationId: z.string().trim().min(10).max(100),
  code: sixDigitCodeSchema,
});

// ---- Security option (set up at the end of registration, changed in settings) -------------------

export type SecurityOption = 'totp' | 'recovery-codes';

export interface TotpSetup {
  /** Base32 secret, shown for manual entry, and the otpauth:// URI drawn as a QR code. */
  secret: string;
  otpauthUri: string;
}

export const confirmTotpRequest = z.object({ code: sixDigitCodeSchema });

export interface RecoveryCodes {
  /** Ten one-time codes, shown once. */
  codes: string[];
}

// ---- Sign-in and sessions ----------------------------------------------------------------------

export const signInRequest = z.object({ email: emailSchema, password: passwordSchema });
export const twoStepRequest = z.object({ challenge: opaqueTokenSchema, code: securityCodeSchema });
export const unlockRequest = z.object({ password: passwordSchema });
/** "Confirm your password" before changing the security option of an account that has one. */
export const confirmPasswordRequest = z.object({ password: passwordSchema });
/** How long a password entered in a session counts as recent for such changes. */
export const PASSWORD_CONFIRMATION_MINUTES = 10;
/** PUT /api/me/two-step: turn two-step sign-in on or off (needs a security option). */
export const setTwoStepRequest = z.object({ enabled: z.boolean() });

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string;
  /** The FHIR Patient id when the account holder is a patient of the practice. */
  patientId: string | null;
  securityOption: SecurityOption | null;
  twoStepSignIn: boolean;
  role: 'user' | 'staff';
}

/** A signed-in answer: the access token lives in memory only; the refresh token is a cookie. */
export interface SessionGranted {
  status: 'signed-in';
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  account: AccountSummary;
  /** True until the account has set up its security option (end of registration). */
  needsSecurityOption: boolean;
  /** Minutes of inactivity before the app locks (IDLE_LOCK_MINUTES on the server); default 15. */
  idleLockMinutes?: number;
}

export interface TwoStepRequired {
  status: 'two-step-required';
  challenge: string;
  method: SecurityOption;
}

// ---- Forgot your password? ---------------------------------------------------------------------

export const forgotPasswordRequest = z.object({ email: emailSchema });
export const checkResetRequest = z.object({ token: opaqueTokenSchema });
export interface ResetCheck {
  /** How the user proves who they are after choosing the new password. */
  verifyWith: SecurityOption;
}
export const resetPasswordRequest = z.object({
  token: opaqueTokenSchema,
  password: passwordSchema,
  passwordAgain: passwordSchema,
  code: securityCodeSchema,
});

// ---- Profile ("Update personal information") -----------------------------------------------------

export const addressSchema = z.object({
  line1: z.string().trim().max(100),
  line2: z.string().trim().max(100).optional().default(''),
  city: z.string().trim().max(60),
  state: z.string().trim().max(30),
  zip: zipSchema.or(z.literal('')),
});

export const notificationPreferencesSchema = z.object({
  emailNewMessage: z.boolean(),
  emailNewResult: z.boolean(),
  emailReminders: z.boolean(),
  textReminders: z.boolean(),
});

export const profileFieldsSchema = z.object({
  preferredName: z.string().trim().max(100),
  address: addressSchema,
  mobilePhone: phoneSchema.or(z.literal('')),
  homePhone: phoneSchema.or(z.literal('')),
  preferredLanguage: z.string().trim().max(40),
  emergencyContact: z.object({
    name: z.string().trim().max(100),
    relationship: z.string().trim().max(40),
    phone: phoneSchema.or(z.literal('')),
  }),
  notifications: notificationPreferencesSchema,
});
export type ProfileFields = z.output<typeof profileFieldsSchema>;

export interface Profile extends ProfileFields {
  email: string;
  /** An e-mail change waiting for confirmation, if any. */
  pendingEmail: string | null;
  /** Increases with every saved change; edits send the version they were based on. */
  version: number;
}

export const updateProfileRequest = z.object({
  baseVersion: z.number().int().min(0),
  changes: profileFieldsSchema.partial(),
});

export const changeEmailRequest = z.object({ newEmail: emailSchema });
export const confirmEmailChangeRequest = z.object({ code: sixDigitCodeSchema });
export const changePasswordRequest = z.object({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});

export interface DeviceSession {
  id: string;
  device: string;
  signedInAt: string;
  lastActiveAt: string;
  current: boolean;
}

// ---- Activity history --------------------------------------------------------------------------

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'sign-out-everywhere',
  'session-revoked',
  'refresh-token-reuse',
  'account-created',
  'email-confirmed',
  'security-option-set',
  'password-reset-requested',
  'password-reset',
  'password-changed',
  'profile-changed',
  'email-changed',
  'record-viewed',
  'record-downloaded',
  'record-transmitted',
  /** The recipient of a secure link opened the summary with its code (addressee: who it was sent to). */
  'record-link-opened',
  'record-synced',
  /** Billing statements were viewed (once per account, device and 10 quiet minutes). */
  'billing-viewed',
  /** The age rules changed what a family member's access gives (13th or 18th birthday). */
  'family-access-changed',
  'family-access-requested',
  'family-access-declined',
  /** Access began: passcode consent, or a guardian link by the practice. */
  'family-access-granted',
  'family-access-level-changed',
  'family-access-confirmed',
  'family-access-removed',
  'family-invitation-sent',
  'family-invitation-cancelled',
  'family-invitation-accepted',
  /** A secure message from the patient's side; the actor is its author (the patient or a family member). */
  'message-sent',
  /** The practice answered a secure message; the actor is the staff account. */
  'message-answered',
  /** A family member read the patient's secure messages (once per account, device and 10 quiet minutes). */
  'messages-viewed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface ActivityEvent {
  id: string;
  /** UTC, ISO 8601. */
  at: string;
  action: AuditAction;
  /** Who acted: "You" is decided by the client from actorAccountId. */
  actorAccountId: string | null;
  actorName: string | null;
  patientId: string | null;
  /** Where a record went (transmissions), if anywhere. */
  addressee: string | null;
  device: string | null;
}

export const activityQuery = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  before: z.string().max(100).optional(),
});
