// Typed calls to /api/family (core/family.ts has the shapes) and /api/patients, and the people this
// account may see as last fetched: kept in memory only, so the account switcher and the pages that
// change access share one list. Type-only imports: the switcher loads this with the shell's code.

import type { z } from 'zod';
import type { SessionGranted } from '../../core/accounts';
import { API } from '../../core/api-paths';
import type {
  AccessGranted,
  accessRequestFromAccount,
  FamilyAccountPending,
  FamilyGrant,
  FamilySettings,
  familyAccountRequest,
  familySignUpRequest,
  InvitationPreview,
  invitationAccountRequest,
  PasscodeAccepted,
  RequestAccepted,
} from '../../core/family';
import { PEOPLE_PATH, type PeopleResponse, type PersonInReach } from '../../core/records';
import { type ApiOutcome, apiRequest, globalFetch } from './api-request';
import { session as appSession, type Session } from './session';

type Body<T extends z.ZodType> = z.input<T>;

const anonymousPost = <T>(path: string, body?: unknown): Promise<ApiOutcome<T>> =>
  apiRequest<T>(globalFetch, path, { method: 'POST', body });

// ---- The patient's Family access settings -----------------------------------------------------

// Inviting, changing a level, removing access and cancelling an invitation also work offline
// (queued in the outbox): they are in family-changes.ts.
export const getFamilySettings = () => appSession.request<FamilySettings>(API.family.settings);
export const confirmGrant = (grantId: string) =>
  appSession.request<FamilyGrant>(API.family.grantConfirm(grantId), { method: 'POST' });
export const declineRequest = (requestId: string) =>
  appSession.request<null>(API.family.requestDecline(requestId), { method: 'POST' });

// ---- Invitations, seen by the person invited ----------------------------------------------------

/** Anyone holding the link may see who invites them, signed in or not. */
export const checkInvitation = (token: string) =>
  anonymousPost<InvitationPreview>(API.family.invitationCheck, { token });
export const acceptInvitation = (token: string) =>
  appSession.request<AccessGranted>(API.family.invitationAccept, { method: 'POST', body: { token } });
/** An invitee with no account makes one for the invited address (the link proved it theirs). */
export const createInviteeAccount = (body: Body<typeof invitationAccountRequest>) =>
  anonymousPost<SessionGranted>(API.family.invitationAccount, body);

// ---- Requests for access (the passcode goes to the patient) -------------------------------------

/** "Patient's family member" on Sign up today: no account yet. */
export const requestAccessAsNewUser = (body: Body<typeof familySignUpRequest>) =>
  anonymousPost<RequestAccepted>(API.family.requests, body);
export const sendPasscodeAsNewUser = (requestId: string, passcode: string) =>
  anonymousPost<PasscodeAccepted>(API.family.requestPasscode(requestId), { passcode });
/** The details and password: no account yet, a 6-digit code goes to the address (sent again: a new code). */
export const createFamilyAccount = (requestId: string, body: Body<typeof familyAccountRequest>) =>
  anonymousPost<FamilyAccountPending>(API.family.requestAccount(requestId), body);
/** The code from that e-mail: the account is created and signed in. */
export const confirmFamilyAccount = (requestId: string, code: string) =>
  anonymousPost<SessionGranted>(API.family.requestAccountConfirm(requestId), { code });

/** "Request access to a family member's account", from the requester's own account. */
export const requestAccessFromAccount = (body: Body<typeof accessRequestFromAccount>) =>
  appSession.request<RequestAccepted>(API.family.requestsMine, { method: 'POST', body });
/** Signed in, the same call starts the access at once (`granted`, with what it gives today). */
export const sendPasscodeFromAccount = (requestId: string, passcode: string) =>
  appSession.request<PasscodeAccepted>(API.family.requestPasscode(requestId), {
    method: 'POST',
    body: { passcode },
  });

// ---- The people this account may see ------------------------------------------------------------

/** Fired on peopleEvents when the list was fetched again (or forgotten). */
export const PEOPLE_CHANGED_EVENT = 'people-changed';
export const peopleEvents: EventTarget = new EventTarget();

let known: { accountId: string; people: PersonInReach[] } | null = null;
let fetching: Promise<PersonInReach[] | null> | null = null;

/** The list as last fetched for this account; null when it never was (or was forgotten). */
export function knownPeople(accountId: string | undefined): PersonInReach[] | null {
  return known && known.accountId === accountId ? known.people : null;
}

/**
 * Fetches GET /api/patients (one call at a time) and tells the listeners. Offline or refused, the
 * last list stays as it was: it only ever changes to what the server said.
 */
export function refreshPeople(session: Session = appSession): Promise<PersonInReach[] | null> {
  fetching ??= (async () => {
    const accountId = session.account?.id;
    // Until the new account has its security option, the server shows it no one's record.
    if (!session.signedIn || !accountId || session.needsSecurityOption) return null;
    const outcome = await session.request<PeopleResponse>(PEOPLE_PATH);
    if (outcome.kind !== 'ok' || !Array.isArray(outcome.data?.people)) return knownPeople(accountId);
    if (session.account?.id !== accountId) return null;
    known = { accountId, people: outcome.data.people };
    peopleEvents.dispatchEvent(new Event(PEOPLE_CHANGED_EVENT));
    return known.people;
  })().finally(() => {
    fetching = null;
  });
  return fetching;
}

/**
 * The list saved in the device's record cache, offered when it opens (an offline start): the
 * switcher can show whose record is open before, or without, a connection. The server's own
 * list replaces it as soon as it is fetched; an account's fetched list is never overwritten.
 */
export function offerSavedPeople(accountId: string, people: PersonInReach[]): void {
  if (known && known.accountId === accountId) return;
  known = { accountId, people };
  peopleEvents.dispatchEvent(new Event(PEOPLE_CHANGED_EVENT));
}

/** Signed out: no names stay in memory. */
export function forgetPeople(): void {
  if (known === null) return;
  known = null;
  peopleEvents.dispatchEvent(new Event(PEOPLE_CHANGED_EVENT));
}
