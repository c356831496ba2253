// The age-rule watch as the server runs it: once at start, then on a timer that never keeps the
// process alive, writing a birthday's change to the patient's history once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addPatient } from '../../test-support/accounts';
import { createTestApp, createTestClock, type TestApp } from '../../test-support/test-app';
import { EMPTY_PROFILE, insertAccount } from '../accounts/account-store';
import { startAgeWatch } from './age-watch';
import { linkByPractice } from './practice-links';

let t: TestApp;
afterEach(() => {
  vi.useRealTimers();
  t.cleanup();
});

const changes = () =>
  t.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'family-access-changed'").pluck().get();

describe('the age-rule watch', () => {
  it('looks at start and then every hour, and notes the 13th birthday once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    t = await createTestApp({}, createTestClock(new Date('2026-06-14T17:00:00Z')));
    addPatient(t, { id: 'kid', given: 'Ada', family: 'Moss', birthDate: '2013-06-15', zip: '60901' });
    const parent = insertAccount(
      t.db,
      {
        email: 'p@example.com',
        passwordHash: 'x',
        patientId: null,
        givenName: 'Pat',
        familyName: 'Moss',
        profile: EMPTY_PROFILE,
      },
      t.clock.now(),
    );
    linkByPractice(t.deps, { accountId: parent.id, patientId: 'kid', relationship: 'parent' });
    const stop = startAgeWatch(t.deps);
    expect(changes()).toBe(0);
    t.clock.set(new Date('2026-06-15T06:00:00Z'));
    vi.advanceTimersByTime(3600_000);
    expect(changes()).toBe(1);
    vi.advanceTimersByTime(3600_000);
    expect(changes()).toBe(1);
    stop();
    t.clock.set(new Date('2031-06-15T06:00:00Z'));
    vi.advanceTimersByTime(3600_000);
    expect(changes()).toBe(1);
    expect(t.logLines.some((line) => line.includes('family_access_age_rules_applied'))).toBe(true);
  });
});
