// The idle timing constants mirror core/accounts.ts (which the shell can't import without zod).
import { expect } from '@open-wc/testing';
import { IDLE_WARNING_SECONDS as CORE_WARNING, DEFAULT_IDLE_LOCK_MINUTES } from '../../core/accounts';
import { IDLE_LOCK_MINUTES, IDLE_WARNING_SECONDS } from './idle-lock';

describe('idle lock timing', () => {
  it('uses the same minutes and warning seconds as the shared contract', () => {
    expect(IDLE_LOCK_MINUTES).to.equal(DEFAULT_IDLE_LOCK_MINUTES);
    expect(IDLE_WARNING_SECONDS).to.equal(CORE_WARNING);
  });
});
