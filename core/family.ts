// Family access, shared by the app and the server (which always decides): the age rules on a
// family member's access, the relationships patients pick from, the passcode rule, and the request
// and answer shapes of /api/family.
import { z } from 'zod';
import {
  emailSchema,
  isoDateSchema,
  opaqueTokenSchema,
  passwordSchema,
  personNameSchema,
  phoneSchema,
  sixDigitCodeSchema,
  zipSchema,
} from './accounts';
import { ADULT_AGE, ageOn, MIN_ACCOUNT_AGE, parseIsoDate, todayIn } from './ages';

/** What a patient can give a family member: everything, or the billing pages only. */
export type GrantLevel = 'full' | 'billing';
export const grantLevelSchema = z.enum(['full', 'billing']);

/** How a family member came to have access. */
export type GrantSource = 'guardian' | 'invitation' | 'request';

export const RELATIONSHIPS = [
  'parent',
  'guardian',
  'spouse',
  'partner',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'caregiver',
  'other',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const relationshipSchema = z.enum(RELATIONSHIPS);

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  parent: 'Parent',
  guardian: 'Legal guardian',
  spouse: 'Spouse',
  partner: 'Partner',
  child: 'Adult child',
  sibling: 'Sibling',
  grandparent: 'Grandparent',
  grandchild: 'Grandchild',
  caregiver: 'Caregiver',
  other: 'Other family member',
};

// ---- Age rules ---------------------------------------------------------------------------------

/** What the server knows about one grant when it applies the age rules. */
export interface GrantFacts {
  level: GrantLevel;
  source: GrantSource;
  /** When the grant was made (UTC ISO instant). */
  createdAt: string;
  /**
   * When the patient themself last chose Full access for this family member (a teen's own grant,
   * or an adult's invitation, consent or change), as a UTC ISO instant; null if never.
   */
  fullChosenByPatientAt: string | null;
  /** When the patient, aged 18 or more, confirmed a grant set up while a minor; null if never. */
  confirmedAsAdultAt: string | null;
}

/** What a grant gives today: 'none' when it has ended by the age rules. */
export type EffectiveLevel = GrantLevel | 'none';

/** The date (YYYY-MM-DD) a patient born on birthDate turns `years` (29 February → 1 March). */
export function birthdayOf(birthDate: string, years: number): string {
  const birth = parseIsoDate(birthDate);
  if (!birth) throw new RangeError('birthDate must be a valid YYYY-MM-DD');
  const year = birth.year + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const [month, day] = birth.month === 2 && birth.day === 29 && !leap ? [3, 1] : [birth.month, birth.day];
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The practice's calendar date of an instant, so instants compare with birthdays. */
export type DateOf = (instant: string) => string;

/** DateOf for a practice in `timeZone`: the day it was there when the instant happened. */
export function practiceDateOf(timeZone: string): DateOf {
  return (instant) => todayIn(timeZone, new Date(instant));
}

/**
 * The age rules, applied to one grant on one day (all dates as the practice's calendar days):
 * - under 13: the practice's guardian links give what they say (Full);
 * - from the 13th birthday, Full only where the patient chose it on or after that birthday:
 *   everything else is Billing only;
 * - from the 18th birthday, a grant made before it ends unless the adult patient confirmed it.
 * An unknown or partial birth date counts as an adult's: when in doubt, less is shown.
 */
export function effectiveLevel(
  grant: GrantFacts,
  birthDate: string | null,
  today: string,
  dateOf: DateOf,
): EffectiveLevel {
  const known = birthDate !== null && parseIsoDate(birthDate) !== null;
  const age = known ? ageOn(birthDate, today) : ADULT_AGE;
  if (age < MIN_ACCOUNT_AGE) return grant.level;
  if (known && age >= ADULT_AGE) {
    const eighteen = birthdayOf(birthDate, ADULT_AGE);
    const madeAsMinor = dateOf(grant.createdAt) < eighteen;
    const confirmed = grant.confirmedAsAdultAt !== null && dateOf(grant.confirmedAsAdultAt) >= eighteen;
    if (madeAsMinor && !confirmed) return 'none';
  }
  if (grant.level === 'billing') return 'billing';
  const thirteen = known ? birthdayOf(birthDate, MIN_ACCOUNT_AGE) : null;
  const chosen = grant.fullChosenByPatientAt;
  if (chosen === null) return 'billing';
  return thirteen === null || dateOf(chosen) >= thirteen ? 'full' : 'billing';
}

/**
 * Whether a grant ends by the age rules unless the adult patient confirms it: the patient is 18 or
 * more, the grant was made before the 18th birthday, and no confirmation since then.
 */
export function needsAdultConfirmation(
  grant: GrantFacts,
  birthDate: string | null,
  today: string,
  dateOf: DateOf,
): boolean {
  if (birthDate === null || parseIsoDate(birthDate) === null || ageOn(birthDate, today) < ADULT_AGE)
    return false;
  const eighteen = birthdayOf(birthDate, ADULT_AGE);
  const confirmed = grant.confirmedAsAdultAt !== null && dateOf(grant.confirmedAsAdultAt) >= eighteen;
  return dateOf(grant.createdAt) < eighteen && !confirmed;
}

/**
 * The level a patient's consent (a passcode handed over) gives: Full from an adult, whose consent
 * is to access to their account; Billing only from a 13-17-year-old, who can choose Full later in
 * Family access settings (the guide: "Beginning at age 13 the family member will have billing-only
 * access"). An unknown birth date counts as an adult's.
 */
export function levelOnConsent(birthDate: string | null, today: string): GrantLevel {
  if (birthDate === null || parseIsoDate(birthDate) === null) return 'full';
  return ageOn(birthDate, today) >= ADULT_AGE ? 'full' : 'billing';
}

/**
 * The level a practice's guardian link gives: Full for a child under 13, Billing only from 13 (the
 * teen decides about Full); none for an adult, who grants access themself.
 */
export function guardianLinkLevel(birthDate: string | null, today: string): GrantLevel | null {
  if (birthDate === null || parseIsoDate(birthDate) === null) return null;
  const age = ageOn(birthDate, today);
  if (age < MIN_ACCOUNT_AGE) return 'full';
  return age < ADULT_AGE ? 'billing' : null;
}

// ---- Passcodes and invitations -------------------------------------------------------------------

/** The temporary passcode sent to the patient: single use, valid this long. */
export const PASSCODE_HOURS = 72;
export const PASSCODE_LENGTH = 10;
/** Letters and digits that cannot be mistaken for each other when read out or typed. */
export const PASSCODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const passcodeSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z.string().min(8, 'Enter the passcode from the e-mail.').max(32, 'Enter the passcode from the e-mail.'),
  );

/** An invitation link stays valid this long, and works once. */
export const INVITATION_DAYS = 14;

// ---- Requests ----------------------------------------------------------------------------------

/** Who the family member asks about: matched against the practice's records like a registration. */
export const patientIdentitySchema = z.object({
  firstName: personNameSchema,
  lastName: personNameSchema,
  birthDate: isoDateSchema,
  zip: zipSchema,
});

/** POST /api/family/requests (anonymous): "Patient's family member" on Sign up today. */
export const familySignUpRequest = z.object({
  requester: z.object({ firstName: personNameSchema, lastName: personNameSchema, email: emailSchema }),
  patient: patientIdentitySchema,
  relationship: relationshipSchema,
});

/** POST /api/family/requests/mine (signed in): "Request access to a family member's account". */
export const accessRequestFromAccount = z.object({
  patient: patientIdentitySchema,
  relationship: relationshipSchema,
});

/** POST /api/family/requests/:id/passcode: the passcode the patient handed over. */
export const passcodeRequest = z.object({ passcode: passcodeSchema });

/**
 * POST /api/family/requests/:id/account (anonymous requester): their details and a password. No
 * account yet: a 6-digit code goes to `email` (when left out, the address given with the request),
 * and the account is created once it comes back. Sending this again (a corrected address, a lost
 * e-mail) sends a new code and voids the old one.
 */
export const familyAccountRequest = z.object({
  passcode: passcodeSchema,
  email: emailSchema.optional(),
  mobilePhone: phoneSchema,
  password: passwordSchema,
  passwordAgain: passwordSchema,
});

/** POST /api/family/requests/:id/account/confirm: the code e-mailed to the requester's address. */
export const familyAccountConfirmRequest = z.object({ code: sixDigitCodeSchema });

/** POST /api/family/invitations: "Invite Family Member". */
export const invitationRequest = z.object({
  firstName: personNameSchema,
  lastName: personNameSchema,
  email: emailSchema,
  relationship: relationshipSchema,
  access: grantLevelSchema,
});

/** POST /api/family/invitations/check and /accept: the token from the e-mailed link. */
export const invitationTokenRequest = z.object({ token: opaqueTokenSchema });

/**
 * POST /api/family/invitations/account: an invitee without an account makes one for the invited
 * address (the link reached it, so the address counts as confirmed), then sets up the security
 * option and accepts.
 */
export const invitationAccountRequest = z.object({
  token: opaqueTokenSchema,
  firstName: personNameSchema,
  lastName: personNameSchema,
  mobilePhone: phoneSchema,
  password: passwordSchema,
  passwordAgain: passwordSchema,
});

/** PATCH /api/family/grants/:id: change the level; POST .../confirm: an adult keeps a grant. */
export const changeGrantRequest = z.object({ access: grantLevelSchema });

// ---- Answers -----------------------------------------------------------------------------------

/** Every answer to a request looks the same, matched or not: nothing tells who is a patient. */
export interface RequestAccepted {
  status: 'passcode-sent-to-patient';
  /** Opaque id of this request, sent back with the passcode. */
  requestId: string;
  expiresAt: string;
}

/**
 * POST /api/family/requests/:id/account (202): the details are kept and a 6-digit code went to
 * `email`; POST .../account/confirm with it creates the account, until `expiresAt`.
 */
export interface FamilyAccountPending {
  status: 'check-your-email';
  /** Where the code went (as the server will store it: trimmed, lower case). */
  email: string;
  /** When the code stops working. */
  expiresAt: string;
}

/** One family member with access to the signed-in patient's record (Family access settings). */
export interface FamilyGrant {
  id: string;
  displayName: string;
  relationship: Relationship | string;
  /** As stored (what the patient chose). */
  level: GrantLevel;
  /** What it gives today, after the age rules. */
  effective: EffectiveLevel;
  source: GrantSource;
  since: string;
  /** True when the patient, now 18 or over, must confirm it or it ends. */
  needsAdultConfirmation: boolean;
}

export interface PendingInvitation {
  id: string;
  displayName: string;
  email: string;
  relationship: Relationship | string;
  access: GrantLevel;
  expiresAt: string;
}

export interface PendingRequest {
  id: string;
  /** The requester's name as they gave it. */
  requesterName: string;
  relationship: Relationship | string;
  createdAt: string;
  expiresAt: string;
}

/** GET /api/family: the signed-in patient's Family access settings. */
export interface FamilySettings {
  /** False for accounts that are not a patient (they have no record to share). */
  canShare: boolean;
  /** Whether this patient may grant Full access (13 or over). */
  canGrantFull: boolean;
  grants: FamilyGrant[];
  invitations: PendingInvitation[];
  requests: PendingRequest[];
}

/**
 * POST /api/family/requests/:id/passcode: the passcode is right. `granted` is true when access
 * began for the signed-in account (the requester's own, or one with the request's e-mail);
 * false when the requester goes on to create an account (POST .../account, then .../confirm).
 */
export interface PasscodeAccepted {
  status: 'passcode-accepted';
  granted: boolean;
  /** When granted: what the access gives today. */
  access?: GrantLevel;
}

/** POST /api/family/invitations/accept: access began; whose record it opens, and how far today. */
export interface AccessGranted {
  status: 'access-granted';
  patientId: string;
  displayName: string;
  access: EffectiveLevel;
}

/** Problem types of /api/family (beside the shared ones in core/problem.ts). */
export const FAMILY_PROBLEM_TYPES = {
  /** 403: only the patient whose record it is manages its family access. */
  notThePatient: '/problems/not-the-patient',
  /** 422: an invitation to one's own address, accepting one's own invitation, asking for oneself. */
  notYourself: '/problems/family-access-to-yourself',
  /** 422: an account that is not a patient has no record to share. */
  nothingToShare: '/problems/nothing-to-share',
  /** 422: confirming a grant before the patient is 18. */
  confirmationNotNeeded: '/problems/confirmation-not-needed',
} as const;

/** POST /api/family/invitations/check: what the invitee sees before accepting. */
export interface InvitationPreview {
  inviterName: string;
  access: GrantLevel;
  relationship: Relationship | string;
  expiresAt: string;
}
