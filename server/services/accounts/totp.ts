// Authenticator-app codes (RFC 6238 through otpauth): SHA1, 6 digits, 30 seconds, one step of
// clock drift either way, and no second use of a code from a step already accepted.
import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;

function totpFor(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return totpFor(secret, issuer, label).toString();
}

/**
 * The time step of a valid code that is newer than `lastStep`, or null. Storing the step it returns
 * is what makes a code single-use.
 */
export function acceptTotp(secret: string, code: string, at: Date, lastStep: number): number | null {
  const totp = totpFor(secret, 'portal', 'account');
  const timestamp = at.getTime();
  const delta = totp.validate({ token: code.replace(/\s/g, ''), timestamp, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
  return step > lastStep ? step : null;
}
