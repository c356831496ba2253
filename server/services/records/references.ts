// Reading FHIR references: the kinds the importer resolves (urn:uuid, Type/id, conditional
// Type?identifier=system|value, identifier-only) and a walk that visits every Reference in a resource.
import type { Json } from '../../../core/json';

export type ParsedReference =
  | { kind: 'local'; text: string }
  | { kind: 'urn'; text: string }
  | { kind: 'relative'; text: string; type: string; id: string }
  | { kind: 'conditional'; text: string; type: string; system: string; value: string }
  | { kind: 'other'; text: string };

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.+)$/;

export function parseReference(text: string): ParsedReference {
  if (text.startsWith('#')) return { kind: 'local', text };
  if (text.startsWith('urn:uuid:') || text.startsWith('urn:oid:')) return { kind: 'urn', text };
  const relative = RELATIVE.exec(text);
  if (relative) return { kind: 'relative', text, type: relative[1] ?? '', id: relative[2] ?? '' };
  const conditional = CONDITIONAL.exec(text);
  if (conditional) {
    const token = identifierToken(conditional[2] ?? '');
    if (token) return { kind: 'conditional', text, type: conditional[1] ?? '', ...token };
  }
  return { kind: 'other', text };
}

/**
 * The system|value of an `identifier=` search (as in conditional references and ifNoneExist).
 * Only a lone identifier parameter is understood: anything else cannot be resolved safely.
 */
export function identifierToken(query: string): { system: string; value: string } | undefined {
  const params = [...new URLSearchParams(query.replace(/\+/g, '%2B'))];
  if (params.length !== 1) return undefined;
  const [name, token] = params[0] ?? ['', ''];
  if (name !== 'identifier' || token === '') return undefined;
  const bar = token.indexOf('|');
  if (bar === -1) return { system: '', value: token };
  const value = token.slice(bar + 1);
  return value === '' ? undefined : { system: token.slice(0, bar), value };
}

/** A Reference object, for the walk: the object itself and where it sits in the resource. */
export interface ReferenceSite {
  node: Json;
  path: string;
}

const REFERENCE_KEYS = new Set(['reference', 'type', 'identifier', 'display', 'id', 'extension']);

/**
 * Calls `visit` for every object that is a Reference: one with a `reference` member, or an
 * identifier-only (logical) reference whose single `identifier` is an object, not a list.
 */
export function forEachReference(value: unknown, visit: (site: ReferenceSite) => void, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      forEachReference(item, visit, `${path}[${index}]`);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as Json;
  if ('reference' in node || isLogicalReference(node)) visit({ node, path });
  for (const [key, child] of Object.entries(node)) {
    if (child !== null && typeof child === 'object')
      forEachReference(child, visit, path === '' ? key : `${path}.${key}`);
  }
}

function isLogicalReference(node: Json): boolean {
  const identifier = node.identifier;
  if (identifier === null || typeof identifier !== 'object' || Array.isArray(identifier)) return false;
  if ('system' in node || 'value' in node || 'use' in node) return false;
  return Object.keys(node).every((key) => REFERENCE_KEYS.has(key));
}
