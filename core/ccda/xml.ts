// The one XML writer of the C-CDA generator: escaping and element building as plain strings, so
// the same code runs in the browser (offline) and on the server with no DOM and no XML library.
// Every text and attribute value passes through here; nothing else concatenates user data.

// What XML 1.0 cannot hold: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; lone surrogates.
// Written as escapes built from code points, so the source holds no control character itself.
const u = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;
const FORBIDDEN = new RegExp(
  `[${u(0)}-${u(8)}${u(0xb)}${u(0xc)}${u(0xe)}-${u(0x1f)}${u(0xfffe)}${u(0xffff)}]` +
    `|[${u(0xd800)}-${u(0xdbff)}](?![${u(0xdc00)}-${u(0xdfff)}])` +
    `|(?<![${u(0xd800)}-${u(0xdbff)}])[${u(0xdc00)}-${u(0xdfff)}]`,
);
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');
const TEXT_SPECIAL = /[&<>]/;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

// A summary holds tens of thousands of values, nearly all plain: each is tested once and copied
// only when it needs changing.
const dropForbidden = (value: string): string =>
  FORBIDDEN.test(value) ? value.replace(FORBIDDEN_ALL, '') : value;

/** Text content: & < > escaped (">" too, so "]]>" can never appear), forbidden characters dropped. */
export function escapeText(value: string): string {
  const clean = dropForbidden(value);
  return TEXT_SPECIAL.test(clean) ? clean.replace(/[&<>]/g, (ch) => ESCAPES[ch]!) : clean;
}

/** An attribute value in double quotes: also escapes quotes and keeps tabs/newlines as references. */
export function escapeAttr(value: string): string {
  const clean = dropForbidden(value);
  return ATTR_SPECIAL.test(clean) ? clean.replace(/[&<>"'\t\n\r]/g, (ch) => ESCAPES[ch]!) : clean;
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
  if (Array.isArray(child)) return childrenXml(child as readonly Child[]);
  return (child as Xml).xml;
}

function childrenXml(children: readonly Child[]): string {
  let out = '';
  for (const child of children) out += childXml(child);
  return out;
}

/** `<name a="..">children</name>`, or `<name a=".."/>` without children; undefined attributes are left out. */
export function el(name: string, attrs: Attrs = {}, ...children: Child[]): Xml {
  let open = `<${name}`;
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined || value === null || value === '') continue;
    open += ` ${key}="${escapeAttr(String(value))}"`;
  }
  const inner = childrenXml(children);
  return { xml: inner === '' ? `${open}/>` : `${open}>${inner}</${name}>` };
}

/** Several siblings as one value. */
export const fragment = (...children: Child[]): Xml => ({ xml: childrenXml(children) });
