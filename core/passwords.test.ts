// The password rule: length over composition, nothing personal, nothing common or repetitive.
import { describe, expect, it } from 'vitest';
import { checkPassword, passwordLength } from './passwords';

const common = new Set(['password', 'summer', 'qwertyuiopas', 'iloveyou']);
const isCommon = (word: string) => common.has(word);

describe('password rule', () => {
  it('accepts a long passphrase with spaces and any characters', () => {
    expect(checkPassword('river stone lantern 7', { isCommon })).toEqual([]);
    expect(checkPassword('Ünïcødé ☂ umbrella!', { isCommon })).toEqual([]);
  });

  it('needs 12 characters as people count them, and at most 128', () => {
    expect(checkPassword('short pass1')).toEqual(['too-short']);
    // Eleven emoji are 22 UTF-16 units but 11 characters.
    expect(passwordLength('😀'.repeat(11))).toBe(11);
    expect(checkPassword('😀'.repeat(11))).toEqual(['too-short']);
    expect(checkPassword('a'.repeat(129))).toEqual(['too-long']);
  });

  it('refuses the user’s name or e-mail inside the password', () => {
    const personal = ['Elena', 'Núñez', 'elena.nunez@example.com'];
    expect(checkPassword('my name is elena okay', { personal })).toContain('contains-personal-info');
    expect(checkPassword('NÚÑEZ family rocks', { personal })).toContain('contains-personal-info');
    expect(checkPassword('elena.nunez garden', { personal })).toContain('contains-personal-info');
    expect(checkPassword('quiet harbor morning', { personal })).toEqual([]);
    // The address's domain is not personal: "compass" holds "com", "examples" holds "example".
    expect(checkPassword('amber field compass 19', { personal })).toEqual([]);
    expect(checkPassword('worked examples of tea', { personal })).toEqual([]);
    expect(checkPassword('elena.nunez@example.com', { personal })).toContain('contains-personal-info');
  });

  it('refuses common passwords, also dressed up with digits and symbols', () => {
    expect(checkPassword('qwertyuiopas', { isCommon })).toContain('too-common');
    expect(checkPassword('Summer2024!!!', { isCommon })).toContain('too-common');
    expect(checkPassword('password1234', { isCommon })).toContain('too-common');
    expect(checkPassword('summer by the lake', { isCommon })).toEqual([]);
  });

  it('refuses repetitive passwords', () => {
    expect(checkPassword('aaaaaaaaaaaa')).toContain('too-repetitive');
    expect(checkPassword('abababababab')).toContain('too-repetitive');
  });
});
