// The practice links parents and guardians (link-guardian, RelatedPerson on import, the demo):
// Full for a child under 13, Billing only from 13 (the teen decides about Full), never an adult.
import { guardianLinkLevel, type Relationship } from '../../../core/family';
import type { Json } from '../../../core/json';
import type { Db } from '../../db/database';
import { practiceCalendar } from '../access/calendar';
import {
  everLinked,
  type LinkResult,
  linkGuardian,
  liveProxyAccessTo,
  ProxyLinkError,
} from '../access/proxy-access';
import { cardOf, type ReachDeps } from '../access/reach';
import { findAccountByEmail } from '../accounts/account-store';
import { createAudit } from '../audit/audit';
import { rememberLevel } from './age-watch';
import { auditFamily } from './family-audit';
import { familyMemberName } from './grant-view';

export interface PracticeLink {
  accountId: string;
  patientId: string;
  relationship: Relationship | string;
}

export type PracticeLinkResult = LinkResult | { outcome: 'kept'; access: LinkResult['access'] };

/**
 * Links the account to the patient as the practice. From 13 an access that already exists is
 * kept as it is: the teen may have chosen Full, and the office does not undo that.
 */
export function linkByPractice(deps: ReachDeps, link: PracticeLink): PracticeLinkResult {
  const { db, now } = deps;
  const card = cardOf(deps, link.patientId);
  if (!card) throw new ProxyLinkError(`There is no patient ${link.patientId}.`);
  const level = guardianLinkLevel(card.birthDate, practiceCalendar(deps).today);
  if (level === null)
    throw new ProxyLinkError(
      card.birthDate === null
        ? 'The practice has no exact birth date for this patient, so the age rules cannot be applied. Fix the record first.'
        : 'This patient is 18 or older and decides about family access themself: they invite the family member from Family access settings.',
    );
  return db.transaction((): PracticeLinkResult => {
    const current = liveProxyAccessTo(db, link.accountId, link.patientId);
    if (current && level === 'billing') return { outcome: 'kept', access: current };
    const result = linkGuardian(db, { ...link, level }, now());
    if (result.outcome !== 'unchanged') {
      rememberLevel(deps, result.access, card.birthDate);
      auditFamily(db, createAudit(db, now), {
        action: result.outcome === 'added' ? 'family-access-granted' : 'family-access-level-changed',
        patientId: link.patientId,
        actorAccountId: null,
        familyMember: familyMemberName(deps, link.accountId),
      });
    }
    return result;
  })();
}

/** RelatedPerson.relationship codes (HL7 v3 RoleCode) that name a parent or a legal guardian. */
const GUARDIAN_CODES: ReadonlyMap<string, 'parent' | 'guardian'> = new Map([
  ['PRN', 'parent'],
  ['MTH', 'parent'],
  ['FTH', 'parent'],
  ['GUARD', 'guardian'],
]);

export interface RelatedPersonOf {
  patientId: string;
  resource: Json;
}

/**
 * Links the portal accounts whose e-mail a RelatedPerson of a child under 13 carries, when it names
 * a parent or legal guardian. Only accounts that exist at that moment: an account made later is
 * linked by the office (link-guardian) or by importing the bundle again. A pair that was ever
 * linked is left alone, so access the practice ended is not brought back by a re-import.
 * Returns how many links were added.
 */
export function linkRelatedGuardians(deps: ReachDeps, related: RelatedPersonOf[]): number {
  const { db } = deps;
  let added = 0;
  for (const { patientId, resource } of related) {
    if (resource.resourceType !== 'RelatedPerson' || resource.active === false) continue;
    const relationship = guardianRelationship(resource);
    const card = cardOf(deps, patientId);
    if (!relationship || !card) continue;
    if (guardianLinkLevel(card.birthDate, practiceCalendar(deps).today) !== 'full') continue;
    for (const email of emailsOf(resource)) {
      const account = findAccountByEmail(db, email);
      if (account?.role !== 'user' || account.patient_id === patientId) continue;
      if (everLinked(db, account.id, patientId)) continue;
      if (linkByPractice(deps, { accountId: account.id, patientId, relationship }).outcome === 'added')
        added += 1;
    }
  }
  return added;
}

function guardianRelationship(resource: Json): 'parent' | 'guardian' | undefined {
  const concepts = Array.isArray(resource.relationship) ? resource.relationship : [];
  for (const concept of concepts) {
    const codings = (concept as Json | null)?.coding;
    if (!Array.isArray(codings)) continue;
    for (const coding of codings) {
      const code = (coding as Json | null)?.code;
      const relationship = typeof code === 'string' ? GUARDIAN_CODES.get(code) : undefined;
      if (relationship) return relationship;
    }
  }
  return undefined;
}

function emailsOf(resource: Json): string[] {
  const telecom = Array.isArray(resource.telecom) ? resource.telecom : [];
  return telecom.flatMap((t: unknown) => {
    const point = t as Json | null;
    return point?.system === 'email' && typeof point.value === 'string' && point.value.trim() !== ''
      ? [point.value.trim()]
      : [];
  });
}

/** For the command line: the account by e-mail, with a message naming what is wrong. */
export function accountForLink(db: Db, email: string): string {
  const account = findAccountByEmail(db, email);
  if (!account) throw new ProxyLinkError(`There is no portal account with the e-mail address ${email}.`);
  return account.id;
}
