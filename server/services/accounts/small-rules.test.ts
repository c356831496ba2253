// The small rules behind accounts: device names people recognise, identity matching that ignores
// case and accents, recovery codes that are easy to read, and the password rule with the common list.

import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { summariseDevice } from './device';
import { matchesClaim, normaliseName, patientIdentity } from './identity-match';
import { passwordProblem } from './password-rules';
import { demoRecoveryCode, looksLikeRecoveryCode, newRecoveryCode } from './recovery-codes';
import { acceptTotp, newTotpSecret } from './totp';

describe('device names', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iPhone',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Firefox on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      'Edge on Windows',
    ],
    ['curl/8.5.0', 'Other app'],
    [undefined, 'Unknown device'],
  ])('calls %s "%s"', (ua, expected) => {
    expect(summariseDevice(ua)).toBe(expected);
  });
});

describe('identity matching', () => {
  const patient = patientIdentity('p1', {
    resourceType: 'Patient',
    name: [{ family: 'Núñez García', given: ['María', 'José'] }],
    birthDate: '1980-02-29',
    address: [{ postalCode: '60901-1234' }],
  });

  it('ignores case, accents and extra spaces', () => {
    expect(normaliseName('  Núñez   GARCÍA ')).toBe('nunez garcia');
    expect(
      matchesClaim(patient, {
        firstName: ' maria ',
        lastName: 'nunez garcia',
        birthDate: '1980-02-29',
        zip: '60901',
      }),
    ).toBe(true);
    expect(
      matchesClaim(patient, {
        firstName: 'María José',
        lastName: 'Núñez García',
        birthDate: '1980-02-29',
        zip: '60901',
      }),
    ).toBe(true);
  });

  it('needs the birth date and the ZIP to match as well', () => {
    expect(
      matchesClaim(patient, {
        firstName: 'Maria',
        lastName: 'Nunez Garcia',
        birthDate: '1980-03-01',
        zip: '60901',
      }),
    ).toBe(false);
    expect(
      matchesClaim(patient, {
        firstName: 'Maria',
        lastName: 'Nunez Garcia',
        birthDate: '1980-02-29',
        zip: '60902',
      }),
    ).toBe(false);
  });
});

describe('recovery codes', () => {
  it('look like k7pq-m2xz-9rtw and never use look-alike characters', () => {
    for (let i = 0; i < 50; i++) {
      const code = newRecoveryCode();
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(code).not.toMatch(/[01ilo]/);
      expect(looksLikeRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(true);
    }
  });

  it('are the same for a demo person on every start', () => {
    expect(demoRecoveryCode('rich-adult')).toBe(demoRecoveryCode('rich-adult'));
    expect(demoRecoveryCode('rich-adult')).not.toBe(demoRecoveryCode('parent'));
  });
});

describe('authenticator codes', () => {
  it('accept the current code once, and a neighbouring step for clock drift', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-03-10T15:00:10Z');
    const totp = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
    const step = acceptTotp(secret, totp.generate({ timestamp: at.getTime() }), at, 0);
    expect(step).not.toBeNull();
    expect(acceptTotp(secret, totp.generate({ timestamp: at.getTime() }), at, step!)).toBeNull();
    const late = new Date(at.getTime() + 30_000);
    expect(acceptTotp(secret, totp.generate({ timestamp: at.getTime() }), late, 0)).not.toBeNull();
    expect(
      acceptTotp(secret, totp.generate({ timestamp: at.getTime() }), new Date(at.getTime() + 90_000), 0),
    ).toBeNull();
  });
});

describe('the password rule on the server', () => {
  it('refuses passwords on the common list and accepts a long passphrase', () => {
    expect(passwordProblem('qwertyuiop123', [])).toMatch(/too common/);
    expect(passwordProblem('iloveyou1234', [])).toMatch(/too common/);
    expect(
      passwordProblem('river stone lantern 7', ['Elena', 'Núñez', 'elena.nunez@example.com']),
    ).toBeNull();
  });
});
