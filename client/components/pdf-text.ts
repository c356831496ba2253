// Text for the PDFs made on the device (billing statement, vaccination record) with jspdf's
// built-in fonts.

// jspdf's built-in fonts (Helvetica here) write one byte a character, WinAnsi, which agrees with
// Latin-1 from U+00A0: "Villaseñor" and "Müller" print as they are. A character beyond Latin-1
// would turn the whole string into unreadable two-byte text, so everything written is brought into
// Latin-1 first: typographic punctuation to its plain form, letters with strokes to the bare letter
// (they have no decomposition), and anything else to its closest Latin-1 by NFKD with the combining
// marks dropped ("Nguyễn" prints as "Nguyen", "ﬁ" as "fi"). A character with no Latin-1 form at
// all (Cyrillic, CJK, …) prints as "?" rather than as garbage.
const PLAIN: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2022': '\u00b7',
  '\u20ac': 'EUR',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0126': 'H',
  '\u0127': 'h',
  '\u0131': 'i',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u0166': 'T',
  '\u0167': 't',
};

const isLatin1Printable = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff);
};

/** `text` in the closest Latin-1 the built-in PDF fonts can write. */
export function latin1Text(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (/\s/u.test(char)) out += ' ';
    else if (isLatin1Printable(char)) out += char;
    else if (PLAIN[char] !== undefined) out += PLAIN[char];
    else {
      const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += bare !== '' && [...bare].every(isLatin1Printable) ? bare : '?';
    }
  }
  return out;
}
