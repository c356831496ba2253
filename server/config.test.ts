// Configuration comes from the environment only; a bad value names its variable.
import { describe, expect, it } from 'vitest';
import { DEMO_PRACTICE } from '../core/practice';
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

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
