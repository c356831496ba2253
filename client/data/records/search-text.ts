// The human-readable text of a FHIR resource (code displays, text fields, notes, values and units,
// dates) and the folding that makes search case- and accent-insensitive.

// Strings under these keys are machine identifiers, not words a person would search for.
const MACHINE_STRING_KEYS: ReadonlySet<string> = new Set([
  'id',
  'resourceType',
  'reference',
  'system',
  'url',
  'fullUrl',
  'version',
  'code',
  'contentType',
  'language',
  'data',
  'hash',
  'profile',
]);
// Whole branches that hold bookkeeping (identifiers such as MRNs are not something to search by).
const SKIPPED_BRANCHES: ReadonlySet<string> = new Set(['meta', 'identifier']);

/** Lower case, accents removed, whitespace collapsed: "Ibuprofène" and "ibuprofene" fold alike. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a search, folded; empty when there is nothing to look for. */
export function searchTerms(query: string): string[] {
  return foldText(query)
    .split(' ')
    .filter((term) => term !== '');
}

/** The folded searchable text of a resource, one space between pieces. */
export function searchableText(resource: unknown): string {
  const pieces: string[] = [];
  collect(resource, '', pieces);
  return foldText(pieces.join(' '));
}

/** Whether every term occurs in the text (terms and text already folded). */
export function matchesAll(text: string, terms: readonly string[]): boolean {
  return terms.every((term) => text.includes(term));
}

function collect(value: unknown, key: string, pieces: string[]): void {
  if (typeof value === 'string') {
    if (key === 'div') pieces.push(narrativeText(value));
    else if (!MACHINE_STRING_KEYS.has(key)) pieces.push(value);
  } else if (typeof value === 'number') {
    pieces.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, key, pieces);
  } else if (typeof value === 'object' && value !== null) {
    for (const [childKey, child] of Object.entries(value)) {
      if (!SKIPPED_BRANCHES.has(childKey)) collect(child, childKey, pieces);
    }
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of a narrative's XHTML, without markup (it is only searched, never rendered). */
function narrativeText(xhtml: string): string {
  return xhtml.replace(/<[^>]*>/g, ' ').replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}
