// The access request's temporary passcode: unambiguous characters, HMAC-hashed under the server's
// code key like the e-mailed codes, checked under growing locks per request and per address.
import { randomInt } from 'node:crypto';
import { PASSCODE_ALPHABET, PASSCODE_LENGTH } from '../../../core/family';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { accountServices } from '../accounts/index';
import { keyedHash, sameHash } from '../accounts/secrets';
import { PER_ADDRESS, type ThrottlePolicy } from '../accounts/throttle';
import { familyProblems } from './problems';

/** Wrong passcodes for one request: 5 lock it for a minute, then 2, 4, ... at most an hour. */
export const PASSCODE_GUESSES: ThrottlePolicy = {
  threshold: 5,
  lockSeconds: 60,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 24 * 3600,
};

export function newPasscode(): string {
  let code = '';
  for (let i = 0; i < PASSCODE_LENGTH; i++) code += PASSCODE_ALPHABET[randomInt(PASSCODE_ALPHABET.length)];
  return code;
}

/** "ABCDE-FGHJK": easier to read out over the phone; the dash is optional when typed. */
export function showPasscode(code: string): string {
  return code.replace(/(.{5})(?=.)/g, '$1-');
}

export function passcodeHash(key: Buffer, requestId: string, passcode: string): string {
  return keyedHash(key, passcode, `family-request:${requestId}`);
}

/**
 * Checks a passcode (already normalised by passcodeSchema) against a request's stored hash. A
 * decoy request has none, so every passcode is wrong for it, at the same cost and with the same
 * answer. Throws 429 while locked and 401 when wrong.
 */
export function verifyPasscode(
  deps: AppDeps,
  request: { id: string; passcode_hash: string | null },
  passcode: string,
  ip: string,
): void {
  const { throttle } = accountServices(deps);
  const keys: Array<[string, ThrottlePolicy]> = [
    [`family-passcode:request:${request.id}`, PASSCODE_GUESSES],
    [`family-passcode:ip:${ip}`, PER_ADDRESS],
  ];
  throttle.check(keys.map(([key]) => key));
  const given = passcodeHash(deps.keys.codeHmacKey, request.id, passcode);
  if (request.passcode_hash === null || !sameHash(request.passcode_hash, given)) {
    throttle.fail(keys);
    throw new ProblemException(familyProblems.wrongPasscode());
  }
  throttle.clear(keys[0]![0]);
}

/** Throws 429 while the request or the address is locked, before anything else is looked at. */
export function checkPasscodeLocks(deps: AppDeps, requestId: string, ip: string): void {
  accountServices(deps).throttle.check([`family-passcode:request:${requestId}`, `family-passcode:ip:${ip}`]);
}
