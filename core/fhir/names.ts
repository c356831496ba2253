// People's names from FHIR JSON (HumanName), read one way by the whole portal: the views, the
// people list, the names the server fills into references, the C-CDA. Safe on unchecked JSON.

interface NameJson {
  use?: unknown;
  text?: unknown;
  prefix?: unknown;
  given?: unknown;
  family?: unknown;
  suffix?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];

const nameObjects = (names: unknown): NameJson[] =>
  (Array.isArray(names) ? names : []).filter((n): n is NameJson => n !== null && typeof n === 'object');

/** The name in use: the official one, else the first not marked old, else the first. */
export function currentName(names: unknown): NameJson | undefined {
  const all = nameObjects(names);
  const current = all.filter((n) => n.use !== 'old');
  return current.find((n) => n.use === 'official') ?? current[0] ?? all[0];
}

const family = (name: NameJson) => (typeof name.family === 'string' ? [name.family] : []);
const text = (name: NameJson) => (typeof name.text === 'string' ? name.text.trim() : '');

/** "Given Family", as people lists greet someone; the name's text when it has no parts. */
export function plainName(name: NameJson | undefined): string {
  if (!name) return '';
  const parts = [...strings(name.given), ...family(name)].join(' ').trim();
  return parts !== '' ? parts : text(name);
}

/** The name as written in full: its text, else prefix, given, family and suffix ("Dr. Ana Ruiz Jr."). */
export function fullName(name: NameJson | undefined): string {
  if (!name) return '';
  return (
    text(name) ||
    [...strings(name.prefix), ...strings(name.given), ...family(name), ...strings(name.suffix)].join(' ')
  );
}

/** A provider's name: its text, else "Dr. Given Family", or "Given Family, MD" without a prefix. */
export function providerName(name: NameJson | undefined): string {
  if (!name) return '';
  const written = text(name);
  if (written !== '') return written;
  const prefix = strings(name.prefix);
  const base = [...prefix, ...strings(name.given), ...family(name)].join(' ').trim();
  const suffix = strings(name.suffix).join(' ');
  return prefix.length === 0 && suffix !== '' && base !== '' ? `${base}, ${suffix}` : base;
}
