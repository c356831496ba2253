// Who may call each API route, as data: one rule per 'METHOD /api/path'. The routes keep their own
// checks (requireAuth, requireSecurityOption, services/access/reach.ts decides record access per
// request); this table documents them, and the authorization matrix test
// (routes/authorization-matrix.test.ts) runs every route of the real app against it, so a new
// route without a rule here, or a rule for a route that is gone, fails the tests; it also checks
// the security-option and recent-password refusals the words below promise.

import { PASSWORD_CONFIRMATION_MINUTES } from '../../core/accounts';

/** The refusal every rule that needs the security option gives first, whoever the caller is. */
const WITHOUT_OPTION =
  'Without its security option yet: 403 security-option-required, before any other check.';

export const ACCESS_RULES = {
  public: 'Anyone, signed in or not; nothing about a person is read or changed.',
  'guest-flow':
    'Anyone: an anonymous flow (registration, sign-in, password reset, invitation link, access request) ' +
    'authorised by what the caller holds (a code, a link token, a passcode, a password). Signed-in callers too.',
  'session-cookie':
    'The refresh cookie of a live session (refresh, unlock): without it, 401. Before the security option ' +
    'is set up too.',
  account: 'Any signed-in account, even before its security option is set up (anonymous: 401).',
  'account-step-up':
    'Any signed-in account, even before its security option is set up (these routes set it up). Once it ' +
    `has one, only with the password entered (at sign-in or confirmed) in the last ${PASSWORD_CONFIRMATION_MINUTES} ` +
    'minutes: else 403 password-confirmation-required.',
  'account-with-security-option':
    'Any signed-in account with its security option set up, acting on its own things only ' +
    `(its profile, devices, history, the people it reaches); staff included. ${WITHOUT_OPTION}`,
  'personal-account':
    'A signed-in personal account with its security option: staff accounts cannot hold family access (403). ' +
    WITHOUT_OPTION,
  'own-record':
    'A signed-in account with its security option and a patient record of its own (13 or older) that it ' +
    `shares through family access; an account without such a record gets 422 (nothing to share). ${WITHOUT_OPTION}`,
  'patient-record:clinical':
    'The patient named by :id themselves, or a family member with Full access today. Billing only: 403. ' +
    `Anyone else, ended access and staff included: 404, the same as an unknown id. ${WITHOUT_OPTION}`,
  'patient-record:billing':
    'The patient named by :id themselves, or a family member with Full or Billing only access today: ' +
    'billing statements and messages. Billing only sees and writes billing messages only (a care thread is ' +
    `404 to them, a care subject 403). Anyone else, ended access and staff included: 404. ${WITHOUT_OPTION}`,
  staff: `A signed-in staff account of the practice with its security option. Personal accounts: 403. ${WITHOUT_OPTION}`,
  'record-owner':
    'Only the patient whose record the :id (a grant, invitation or request) is on. A family member of ' +
    `that patient (Full or Billing only): 403. Anyone else: 404. ${WITHOUT_OPTION}`,
} as const;

export type AccessRule = keyof typeof ACCESS_RULES;

/** Every API route and its rule, in the order of server/app.ts and each route module. */
export const ROUTE_ACCESS = {
  'GET /api/health': 'public',
  'GET /api/practice': 'public',
  'POST /api/csp-reports': 'public',

  'POST /api/auth/register': 'guest-flow',
  'POST /api/auth/register/confirm': 'guest-flow',
  'POST /api/auth/confirm-password': 'account',
  'POST /api/auth/security/totp': 'account-step-up',
  'POST /api/auth/security/totp/confirm': 'account-step-up',
  'POST /api/auth/security/recovery-codes': 'account-step-up',
  'POST /api/auth/sign-in': 'guest-flow',
  'POST /api/auth/sign-in/two-step': 'guest-flow',
  'POST /api/auth/refresh': 'session-cookie',
  'POST /api/auth/unlock': 'session-cookie',
  // Ends whichever session the cookie or token names, if any; always 204.
  'POST /api/auth/sign-out': 'public',
  'POST /api/auth/sign-out-everywhere': 'account',
  'POST /api/auth/forgot': 'guest-flow',
  'POST /api/auth/reset/check': 'guest-flow',
  'POST /api/auth/reset': 'guest-flow',

  'GET /api/me/profile': 'account',
  'PATCH /api/me/profile': 'account-with-security-option',
  'POST /api/me/email': 'account-with-security-option',
  'POST /api/me/email/confirm': 'account-with-security-option',
  'POST /api/me/password': 'account-with-security-option',
  'PUT /api/me/two-step': 'account-with-security-option',
  'GET /api/me/sessions': 'account-with-security-option',
  // :id is one of the caller's own sessions; anyone else's is 404.
  'DELETE /api/me/sessions/:id': 'account-with-security-option',
  'GET /api/me/activity': 'account-with-security-option',

  // The people the account reaches (staff: nobody).
  'GET /api/patients': 'account-with-security-option',
  'GET /api/patients/:id/changes': 'patient-record:clinical',
  'GET /api/patients/:id/billing': 'patient-record:billing',
  // What the patient sees in their own activity history: Full access gives everything they see.
  'GET /api/patients/:id/activity': 'patient-record:clinical',
  'POST /api/patients/:id/health-record/events': 'patient-record:clinical',
  'POST /api/patients/:id/health-record/email': 'patient-record:clinical',
  'POST /api/patients/:id/health-record/links': 'patient-record:clinical',
  // The recipient of a secure link: no account, the link's token and the code authorise it.
  'POST /api/shared-records/open': 'guest-flow',
  'GET /api/patients/:id/messages': 'patient-record:billing',
  'GET /api/patients/:id/messages/recipients': 'patient-record:billing',
  'POST /api/patients/:id/messages': 'patient-record:billing',
  'POST /api/patients/:id/messages/:threadId/replies': 'patient-record:billing',
  'POST /api/patients/:id/messages/:threadId/read': 'patient-record:billing',
  // A file of a message in a thread the caller may see (Billing only: billing threads only).
  'GET /api/patients/:id/messages/:threadId/attachments/:attachmentId': 'patient-record:billing',

  // The practice side of secure messages.
  'GET /api/staff/messages': 'staff',
  'POST /api/staff/messages/:threadId/replies': 'staff',
  'GET /api/staff/messages/:threadId/attachments/:attachmentId': 'staff',

  // The files of messages not sent yet: the caller's own uploads only (another account's id is 404).
  'GET /api/uploads/:uploadId': 'account-with-security-option',
  'PUT /api/uploads/:uploadId/chunks/:index': 'account-with-security-option',

  // The caller's own Family access settings (empty for an account without a patient record).
  'GET /api/family': 'account-with-security-option',
  'PATCH /api/family/grants/:id': 'record-owner',
  'POST /api/family/grants/:id/confirm': 'record-owner',
  'DELETE /api/family/grants/:id': 'record-owner',
  'POST /api/family/invitations': 'own-record',
  'POST /api/family/invitations/check': 'guest-flow',
  'POST /api/family/invitations/account': 'guest-flow',
  'POST /api/family/invitations/accept': 'personal-account',
  'DELETE /api/family/invitations/:id': 'record-owner',
  'POST /api/family/requests': 'guest-flow',
  'POST /api/family/requests/mine': 'personal-account',
  'POST /api/family/requests/:id/passcode': 'guest-flow',
  'POST /api/family/requests/:id/account': 'guest-flow',
  'POST /api/family/requests/:id/account/confirm': 'guest-flow',
  'POST /api/family/requests/:id/decline': 'record-owner',

  // Web Push: the VAPID public key browsers subscribe with; a browser of the caller's own.
  'GET /api/push/key': 'public',
  'POST /api/push/subscriptions': 'account-with-security-option',
  // Only the caller's own subscription at that endpoint goes; always 204.
  'DELETE /api/push/subscriptions': 'account-with-security-option',

  'GET /api/outbox/key': 'public',
  // The sealed request runs as the ordinary route, under the caller's own sign-in and rules.
  'POST /api/outbox/replay': 'account',
} as const satisfies Record<string, AccessRule>;

export type RouteKey = keyof typeof ROUTE_ACCESS;
