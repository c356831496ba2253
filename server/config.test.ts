// Configuration comes from the environment only; a bad value names its variable.
import { describe, expect, it } from 'vitest';
import { DEMO_PRACTICE } from '../core/practice';
import { DEFAULT_SENSITIVE_RESULT_CODES } from '../core/records';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('describes the fictional demo practice when nothing is set', () => {
    const config = loadConfig({});
    expect(config.practice).toEqual(DEMO_PRACTICE);
    expect(config.port).toBe(8787);
    expect(config.databasePath.endsWith('data/portal.db')).toBe(true);
  });

  it('takes the practice details from the environment', () => {
    const config = loadConfig({
      PRACTICE_NAME: 'Maple Grove Clinic',
      PRACTICE_SUPPORT_EMAIL: 'help@maple.example',
      PRACTICE_OFFICES: JSON.stringify([
        { id: 'downtown', name: 'Downtown', address: '1 First St', phone: '555-0100' },
      ]),
    });
    expect(config.practice.name).toBe('Maple Grove Clinic');
    expect(config.practice.supportEmail).toBe('help@maple.example');
    expect(config.practice.offices).toHaveLength(1);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'ftp://portal.example'],
    ['PRACTICE_TIME_ZONE', 'Mars/Olympus_Mons'],
    ['PRACTICE_SUPPORT_EMAIL', 'not-an-address'],
    ['PRACTICE_OFFICES', '[{"id":"x"}'],
    ['PRACTICE_OFFICES', '[]'],
    ['SEED_DEMO', 'maybe'],
    ['LOG_LEVEL', 'verbose'],
    ['SMTP_URL', 'http://mail.example'],
    ['SMTP_URL', 'not a url'],
    ['MAIL_FROM', 'nobody'],
    ['ACCESS_TOKEN_MINUTES', '16'],
    ['ACCESS_TOKEN_MINUTES', '0'],
    ['ACCESS_TOKEN_MINUTES', 'ten'],
    ['REFRESH_TOKEN_DAYS', '2.5'],
    ['REFRESH_TOKEN_DAYS', '0'],
    ['IDLE_LOCK_MINUTES', '1'],
    ['IDLE_LOCK_MINUTES', 'soon'],
    ['TRUST_PROXY', 'sometimes'],
    ['SENSITIVE_RESULT_CODES', 'HIV'],
    ['SENSITIVE_RESULT_CODES', '7917-8;5221-7'],
    ['SENSITIVE_RESULT_CODES', '7917-8,12345678-9'],
    ['PUSH_ENDPOINT_ORIGINS', 'ftp://127.0.0.1:9999'],
    ['PUSH_ENDPOINT_ORIGINS', 'http://127.0.0.1:9999/push'],
    ['PUSH_ENDPOINT_ORIGINS', 'not an origin'],
  ])('stops with a message naming %s when it is %j', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toContain(name);
  });

  it('keeps sign-ins short-lived and mail in the development mailbox unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.auth).toEqual({ accessTokenMinutes: 10, refreshTokenDays: 30, idleLockMinutes: 15 });
    expect(config.mail.smtpUrl).toBeNull();
    expect(config.trustProxy).toBe(false);
  });

  it('takes mail and session settings from the environment', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'portal@maple.example',
      ACCESS_TOKEN_MINUTES: '15',
      REFRESH_TOKEN_DAYS: '7',
      IDLE_LOCK_MINUTES: '5',
      TRUST_PROXY: 'true',
    });
    expect(config.mail).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'portal@maple.example' });
    expect(config.auth).toEqual({ accessTokenMinutes: 15, refreshTokenDays: 7, idleLockMinutes: 5 });
    expect(config.trustProxy).toBe(true);
  });

  it('keeps the built-in sensitive results from family members unless the practice gives its own list', () => {
    expect([...loadConfig({}).records.sensitiveResultCodes]).toEqual([...DEFAULT_SENSITIVE_RESULT_CODES]);
    expect([
      ...loadConfig({ SENSITIVE_RESULT_CODES: ' 7917-8, 5221-7 ,' }).records.sensitiveResultCodes,
    ]).toEqual(['7917-8', '5221-7']);
    // Set but empty: the practice chose to hide no result.
    expect(loadConfig({ SENSITIVE_RESULT_CODES: '' }).records.sensitiveResultCodes.size).toBe(0);
  });

  it('names the codes that are not LOINC codes', () => {
    expect(() => loadConfig({ SENSITIVE_RESULT_CODES: '7917-8,HIV-1,5221-7' })).toThrow(
      /SENSITIVE_RESULT_CODES: .*not LOINC: HIV-1\)/,
    );
  });

  it("accepts only the browsers' push services unless test or development origins are listed", () => {
    expect(loadConfig({}).push.extraEndpointOrigins.size).toBe(0);
    const config = loadConfig({ PUSH_ENDPOINT_ORIGINS: 'http://127.0.0.1:9999, https://push.dev.example/' });
    expect([...config.push.extraEndpointOrigins]).toEqual([
      'http://127.0.0.1:9999',
      'https://push.dev.example',
    ]);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
