// Addresses, phone numbers and names as CDA writes them (US Realm Address, TEL URLs, PN), from
// FHIR Patient fields and from the practice's configured office lines.
import type { HumanName } from '../fhir/types';
import type { PracticeOffice } from '../practice';
import { el, type Xml } from './xml';

export interface FhirAddress {
  use?: string;
  line?: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface FhirContactPoint {
  system?: string;
  value?: string;
  use?: string;
}

const ADDRESS_USE: Record<string, string> = { home: 'HP', work: 'WP', temp: 'TMP', old: 'OLD' };
const PHONE_USE: Record<string, string> = { home: 'HP', work: 'WP', mobile: 'MC', temp: 'TMP' };

/** A US Realm Address; each missing part says nullFlavor="UNK" (the template requires them). */
export function addrXml(
  address: FhirAddress | undefined,
  use = ADDRESS_USE[address?.use ?? ''] ?? 'HP',
): Xml {
  if (!address) return el('addr', { nullFlavor: 'UNK' });
  const part = (tag: string, value: string | undefined) =>
    value?.trim() ? el(tag, {}, value.trim()) : el(tag, { nullFlavor: 'UNK' });
  const lines = (address.line ?? []).filter((l) => l.trim());
  return el(
    'addr',
    { use },
    lines.length > 0
      ? lines.slice(0, 4).map((l) => el('streetAddressLine', {}, l.trim()))
      : part('streetAddressLine', undefined),
    part('city', address.city),
    part('state', address.state),
    part('postalCode', address.postalCode),
    el('country', {}, address.country?.trim() || 'US'),
  );
}

// The practice configures an office address as one line: "120 Main Street, Riverbend, IL 60901".
const US_LINE = /^(.+),\s*([^,]+),\s*([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/;

/** An office's one-line address as its parts (the whole line as street when it does not parse). */
export function officeAddress(office: PracticeOffice): FhirAddress {
  const match = US_LINE.exec(office.address.trim());
  if (!match) return { line: [office.address], use: 'work' };
  return {
    line: [match[1] ?? ''],
    city: match[2],
    state: match[3],
    postalCode: match[4],
    country: 'US',
    use: 'work',
  };
}

/** "(555) 010-4401" → "tel:+1-555-010-4401"; other numbers keep their digits and a leading +. */
export function telUrl(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.length === 10) return `tel:+1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (digits.length === 11 && digits.startsWith('1'))
    return `tel:+1-${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${digits}`;
}

/** A <telecom> from a FHIR ContactPoint (phone → tel:, email → mailto:). */
export function telecomXml(point: FhirContactPoint): Xml | undefined {
  const value = point.value?.trim();
  if (!value) return undefined;
  const use = PHONE_USE[point.use ?? ''];
  if (point.system === 'email') return el('telecom', { use, value: `mailto:${value.replace(/\s/g, '')}` });
  if (point.system === 'phone' || point.system === 'sms' || point.system === undefined)
    return /\d/.test(value) ? el('telecom', { use, value: telUrl(value) }) : undefined;
  return undefined;
}

/** Telecoms of a list, or one nullFlavor="UNK" telecom where the template wants at least one. */
export function telecomsXml(points: readonly FhirContactPoint[] | undefined): Xml[] {
  const written = (points ?? []).map(telecomXml).filter((t): t is Xml => t !== undefined);
  return written.length > 0 ? written : [el('telecom', { nullFlavor: 'UNK' })];
}

/** A structured PN from a FHIR HumanName (the given names, family, prefixes and suffixes). */
export function personNameXml(name: HumanName | undefined): Xml {
  if (!name) return el('name', { nullFlavor: 'UNK' });
  const given = (name.given ?? []).filter(Boolean);
  if (given.length === 0 && !name.family)
    return name.text ? el('name', {}, name.text) : el('name', { nullFlavor: 'UNK' });
  return el(
    'name',
    { use: 'L' },
    (name.prefix ?? []).map((p) => el('prefix', {}, p)),
    given.map((g) => el('given', {}, g)),
    name.family ? el('family', {}, name.family) : el('family', { nullFlavor: 'UNK' }),
    (name.suffix ?? []).map((s) => el('suffix', {}, s)),
  );
}

/** A name known only as display words ("Dr. Ana Ruiz", from a reference): an unstructured PN. */
export const displayNameXml = (display: string): Xml => el('name', {}, display);
