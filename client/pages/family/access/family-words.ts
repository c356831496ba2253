// The words family access uses everywhere: access levels as the practice names them ("Full",
// "Billing only") with what each one gives, relationships, and dates in the practice's time zone.
import {
  type EffectiveLevel,
  type GrantLevel,
  RELATIONSHIP_LABELS,
  RELATIONSHIPS,
} from '../../../../core/family';

export const LEVEL_LABELS: Record<GrantLevel, string> = { full: 'Full', billing: 'Billing only' };

/** One line each, shown next to the choice. */
export const LEVEL_EXPLANATIONS: Record<GrantLevel, string> = {
  full: 'Everything you see in the portal: health information, messages and billing. They can also write to your providers for you.',
  billing: 'Billing statements and billing messages only. Nothing from your health information.',
};

/** Why Full is not offered when the server says this patient may not grant it. */
export const FULL_NOT_AVAILABLE =
  'Because of the age rules for young patients, your account can give Billing only access for now.';

export function levelText(level: GrantLevel): string {
  return level === 'full' ? 'Full access' : 'Billing only access';
}

export function effectiveText(level: EffectiveLevel): string {
  return level === 'none' ? 'no access' : levelText(level);
}

export const RELATIONSHIP_OPTIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Choose…' },
  ...RELATIONSHIPS.map((value) => ({ value, label: RELATIONSHIP_LABELS[value] })),
];

/** "Spouse", "Adult child"; a relationship the server knows and this app not yet, as given. */
export function relationshipLabel(relationship: string): string {
  return (RELATIONSHIP_LABELS as Record<string, string>)[relationship] ?? relationship;
}

/** "as your spouse", "as your legal guardian", "as a family member" (for Other). */
export function asYour(relationship: string): string {
  if (relationship === 'other' || relationship === '') return 'as a family member';
  return `as your ${relationshipLabel(relationship).toLowerCase()}`;
}

/** "as their spouse": the same from the other side (an invitation's preview). */
export function asTheir(relationship: string): string {
  if (relationship === 'other' || relationship === '') return 'as a family member';
  return `as their ${relationshipLabel(relationship).toLowerCase()}`;
}

/** A date as the practice's calendar has it ("3 Mar 2025"); the device's zone until it's known. */
export function dateText(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString([], { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
}

/** Date and time, for when a passcode or link stops working. */
export function dateTimeText(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString([], {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
}

/** The same levels as the person invited sees them. */
export const LEVEL_FOR_INVITEE: Record<GrantLevel, string> = {
  full: 'You see everything they see in the portal, and you can write to their providers for them.',
  billing: 'You see their billing statements and billing messages, nothing from their health information.',
};
