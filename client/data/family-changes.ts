// Family access settings that work offline: the last answer of GET /api/family kept sealed on the
// device (records/family-copy.ts), and the changes made from the page (invite, change a level,
// remove access, cancel an invitation) sent at once when connected or queued in the outbox with a
// readable copy. Both are kept under the account holder's own patient id, so the sync's clean-up
// of people no longer in reach leaves them alone; an account that is not a patient has nothing to
// share, so nothing to keep.

import type { z } from 'zod';
import { API } from '../../core/api-paths';
import type {
  FamilyGrant,
  FamilySettings,
  GrantLevel,
  invitationRequest,
  PendingInvitation,
} from '../../core/family';
import type { OutboxItem } from '../../core/outbox';
import { getFamilySettings } from './family-api';
import type { WaitingChange } from './outbox';
import { type SendOutcome, sendOrQueue } from './outbox/send-or-queue';
import { vault } from './records/app-records';
import {
  keepFamilySettings,
  ownPatientId,
  type SavedFamilySettings,
  savedFamilySettings,
} from './records/family-copy';
import type { RecordsCache } from './records/records-cache';

export type InvitationBody = z.output<typeof invitationRequest>;

/** What a waiting change draws on the page, next to the person it is about. */
export type FamilyChange =
  | { what: 'invite'; invitation: InvitationBody }
  | { what: 'level'; grantId: string; displayName: string; access: GrantLevel }
  | { what: 'remove'; grantId: string; displayName: string }
  | { what: 'cancel-invitation'; invitationId: string; displayName: string };

export type WaitingFamilyChange = WaitingChange<FamilyChange> & { content: FamilyChange };

/** Fired (bubbling, composed) by the page's parts when a change was queued instead of sent. */
export const FAMILY_CHANGE_QUEUED_EVENT = 'family-change-queued';

const NOT_KEPT =
  'This change needs a connection: unlock the portal with your password while signed in as a patient, or try again once you are back online.';

function openCache(): RecordsCache | null {
  const cache = vault.current;
  return cache && !cache.locked ? cache : null;
}

export type FamilySettingsOutcome =
  | { kind: 'online'; settings: FamilySettings }
  | ({ kind: 'saved' } & SavedFamilySettings)
  | Exclude<Awaited<ReturnType<typeof getFamilySettings>>, { kind: 'ok' }>;

/** The settings from the server (kept on the device too); offline, the device's copy if there is one. */
export async function loadFamilySettings(now: () => Date = () => new Date()): Promise<FamilySettingsOutcome> {
  const outcome = await getFamilySettings();
  const cache = openCache();
  if (outcome.kind === 'ok') {
    if (cache) await keepFamilySettings(cache, outcome.data, now().toISOString()).catch(() => false);
    return { kind: 'online', settings: outcome.data };
  }
  if (outcome.kind === 'offline' && cache) {
    const saved = await savedFamilySettings(cache).catch(() => null);
    if (saved) return { kind: 'saved', ...saved };
  }
  return outcome;
}

/** The changes of this account's settings still waiting (queued or refused), oldest first. */
export async function waitingFamilyChanges(): Promise<WaitingFamilyChange[]> {
  const cache = openCache();
  const patientId = cache ? await ownPatientId(cache) : null;
  if (!cache || !patientId) return [];
  const { waitingFor } = await import('./outbox');
  // A copy sealed under an earlier data key cannot say which grant it is about; the change is
  // still delivered, and the settings show its effect once it is.
  return (await waitingFor<FamilyChange>(cache, 'family', patientId)).filter(
    (change): change is WaitingFamilyChange => change.content !== null,
  );
}

/** A refused change the user gave up on: gone from the outbox, readable copy and all. */
export async function discardFamilyChange(changeId: string): Promise<void> {
  const { discardChange } = await import('./outbox');
  await discardChange(changeId);
}

async function sendChange<T>(
  kind: OutboxItem['kind'],
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  change: FamilyChange,
): Promise<SendOutcome<T>> {
  const cache = openCache();
  const patientId = cache ? await ownPatientId(cache) : null;
  return sendOrQueue<T>(
    { kind, method, path, ...(body === undefined ? {} : { body }) },
    { topic: 'family', patientId, content: change },
    NOT_KEPT,
  );
}

export const inviteOrQueue = (invitation: InvitationBody) =>
  sendChange<PendingInvitation>('family-invitation', 'POST', API.family.invitations, invitation, {
    what: 'invite',
    invitation,
  });

export const changeLevelOrQueue = (grant: Pick<FamilyGrant, 'id' | 'displayName'>, access: GrantLevel) =>
  sendChange<FamilyGrant>(
    'family-change',
    'PATCH',
    API.family.grant(grant.id),
    { access },
    { what: 'level', grantId: grant.id, displayName: grant.displayName, access },
  );

export const removeOrQueue = (grant: Pick<FamilyGrant, 'id' | 'displayName'>) =>
  sendChange<null>('family-change', 'DELETE', API.family.grant(grant.id), undefined, {
    what: 'remove',
    grantId: grant.id,
    displayName: grant.displayName,
  });

export const cancelInvitationOrQueue = (invitation: Pick<PendingInvitation, 'id' | 'displayName'>) =>
  sendChange<null>('family-change', 'DELETE', API.family.invitation(invitation.id), undefined, {
    what: 'cancel-invitation',
    invitationId: invitation.id,
    displayName: invitation.displayName,
  });
