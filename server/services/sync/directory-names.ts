// Fills the display of references to the practice directory (practitioners, organizations,
// locations, medications), so a device shows "Dr X at Main Office" without syncing the directory.

import { providerName } from '../../../core/fhir/names';
import type { Json } from '../../../core/json';
import { forEachReference, parseReference } from '../records/references';
import type { ResourceStore } from '../records/store';

/** The directory types a record points at and how each is named. */
const NAMERS: ReadonlyMap<string, (resource: Json) => string> = new Map([
  ['Practitioner', practitionerName],
  ['Organization', plainName],
  ['Location', plainName],
  ['Medication', medicationName],
]);

/** A lookup of directory names for one request: each directory entry is read once. */
export type DirectoryNames = (type: string, id: string) => string | undefined;

export function directoryNames(store: ResourceStore): DirectoryNames {
  const cache = new Map<string, string | undefined>();
  return (type, id) => {
    const key = `${type}/${id}`;
    if (cache.has(key)) return cache.get(key);
    const namer = NAMERS.get(type);
    const stored = namer ? store.get(type, id) : undefined;
    // Only the shared directory: never a name from some patient's own record.
    const name =
      namer && stored && !stored.deleted && stored.patientId === null
        ? namer(stored.resource) || undefined
        : undefined;
    cache.set(key, name);
    return name;
  };
}

/** Sets `display` on every directory reference of the resource that has none (in place). */
export function fillDirectoryNames(resource: Json, names: DirectoryNames): void {
  forEachReference(resource, ({ node }) => {
    if (typeof node.display === 'string' && node.display.trim() !== '') return;
    if (typeof node.reference !== 'string') return;
    const parsed = parseReference(node.reference);
    if (parsed.kind !== 'relative' || !NAMERS.has(parsed.type)) return;
    const name = names(parsed.type, parsed.id);
    if (name !== undefined) node.display = name;
  });
}

/** "Dr. Given Family", or "Given Family, MD" when the name has no prefix (core/fhir/names.ts). */
function practitionerName(resource: Json): string {
  return providerName(
    Array.isArray(resource.name) ? resource.name.find((n) => n !== null && typeof n === 'object') : undefined,
  );
}

function plainName(resource: Json): string {
  return typeof resource.name === 'string' ? resource.name.trim() : '';
}

function medicationName(resource: Json): string {
  const code = resource.code as { text?: unknown; coding?: Array<{ display?: unknown }> } | undefined;
  if (typeof code?.text === 'string' && code.text.trim() !== '') return code.text.trim();
  const display = (code?.coding ?? []).find((c) => typeof c.display === 'string' && c.display !== '');
  return typeof display?.display === 'string' ? display.display : '';
}
