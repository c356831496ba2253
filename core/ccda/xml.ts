// The one XML writer of the C-CDA generator: escaping and element building as plain strings, so
// the same code runs in the browser (offline) and on the server with no DOM and no XML library.
// Every text and attribute value passes through here; nothing else concatenates user data.

/** Whether XML 1.0 allows the code point (tab, LF, CR, and the ranges below; never a lone surrogate). */
const allowed = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** The text without the characters XML cannot hold (C0 controls, lone surrogates, U+FFFE/F). */
function dropForbidden(value: string): string {
  let out = '';
  let changed = false;
  // for…of walks code points: a surrogate pair is one, a lone surrogate stands alone.
  for (const ch of value) {
    if (allowed(ch.codePointAt(0) ?? 0)) out += ch;
    else changed = true;
  }
  return changed ? out : value;
}

/** Text content: & < > escaped (">" too, so "]]>" can never appear), forbidden characters dropped. */
export function escapeText(value: string): string {
  return dropForbidden(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also escapes quotes and keeps tabs/newlines as references. */
export function escapeAttr(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Markup that is already safe XML (produced by el() / text()). A brand keeps raw strings out. */
export interface Xml {
  readonly xml: string;
}

export type Attrs = Record<string, string | number | boolean | undefined | null>;
export type Child = Xml | string | undefined | null | false | readonly Child[];

/** Escaped text content. Plain strings passed as children are escaped the same way. */
export const text = (value: string): Xml => ({ xml: escapeText(value) });

/** Markup that is already XML: only for output of this module (and tests). */
export const raw = (xml: string): Xml => ({ xml });

function childXml(child: Child): string {
  if (child === undefined || child === null || child === false) return '';
  if (typeof child === 'string') return escapeText(child);
  if (Array.isArray(child)) return (child as readonly Child[]).map(childXml).join('');
  return (child as Xml).xml;
}

/** `<name a="..">children</name>`, or `<name a=".."/>` without children; undefined attributes are left out. */
export function el(name: string, attrs: Attrs = {}, ...children: Child[]): Xml {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === '') continue;
    open += ` ${key}="${escapeAttr(String(value))}"`;
  }
  const inner = children.map(childXml).join('');
  return { xml: inner === '' ? `${open}/>` : `${open}>${inner}</${name}>` };
}

/** Several siblings as one value. */
export const fragment = (...children: Child[]): Xml => ({ xml: children.map(childXml).join('') });
