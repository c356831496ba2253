// Reads the server's configuration from environment variables, the only place it comes from.
// Every variable is checked at start; a bad value stops the server with a message naming it.
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEMO_PRACTICE, type PracticeInfo } from '../core/practice';
import { DEFAULT_SENSITIVE_RESULT_CODES } from '../core/records';

export interface Config {
  port: number;
  host: string;
  publicUrl: URL;
  databasePath: string;
  dataDir: string;
  distDir: string;
  seedDemo: boolean;
  logLevel: LogLevel;
  practice: PracticeInfo;
  /** Trust X-Forwarded-For for the client's address (only behind a proxy that sets it). */
  trustProxy: boolean;
  mail: MailConfig;
  auth: AuthConfig;
  records: RecordsConfig;
  push: PushConfig;
}

export interface MailConfig {
  /** smtp:// or smtps:// URL; null writes every message to the development mailbox instead. */
  smtpUrl: string | null;
  /** The sender address; the practice's name is shown as the sender's name. */
  from: string;
}

export interface AuthConfig {
  accessTokenMinutes: number;
  refreshTokenDays: number;
  idleLockMinutes: number;
}

export interface RecordsConfig {
  /** LOINC codes of results never sent to family members (SENSITIVE_RESULT_CODES). */
  sensitiveResultCodes: ReadonlySet<string>;
}

export interface PushConfig {
  /**
   * Origins accepted as Web Push endpoints besides the browsers' push services
   * (PUSH_ENDPOINT_ORIGINS): a test's or a developer's own push server, never needed in production.
   */
  extraEndpointOrigins: ReadonlySet<string>;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const nonEmpty = z.string().trim().min(1).max(200);
const email = z.email().max(254);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));
const timeZone = nonEmpty.refine(isTimeZone, 'must be an IANA time zone such as America/Chicago');
const officeList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of offices' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'office id: lowercase letters, digits and dashes'),
          name: nonEmpty,
          address: nonEmpty,
          phone: nonEmpty,
        }),
      )
      .min(1),
  );

/** A LOINC code: up to 7 digits, a dash and the check digit. */
const LOINC_CODE = /^\d{1,7}-\d$/;
const loincCodeList = z.string().transform((text, ctx) => {
  const codes = text
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  const wrong = codes.filter((code) => !LOINC_CODE.test(code));
  if (wrong.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be LOINC codes separated by commas, such as 75622-1,7917-8 (not LOINC: ${wrong.slice(0, 5).join(', ')})`,
    });
    return z.NEVER;
  }
  return codes;
});

/** Origins such as http://127.0.0.1:9999, separated by commas: scheme, host and port only. */
const originList = z.string().transform((text, ctx) => {
  const origins: string[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    let url: URL | null = null;
    try {
      url = new URL(item);
    } catch {
      url = null;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== item.replace(/\/$/, '')) {
      ctx.addIssue({
        code: 'custom',
        message: `must be origins (scheme, host and port, no path) separated by commas, such as http://127.0.0.1:9999 (not one: ${item.slice(0, 100)})`,
      });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return origins;
});

/** Variables for which an empty value means something (an empty list), not "use the default". */
const EMPTY_IS_A_VALUE: ReadonlySet<string> = new Set(['SENSITIVE_RESULT_CODES']);

/** Each variable, its parser and its default. Defaults describe the fictional demo practice. */
const VARIABLES = {
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: nonEmpty.default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_PATH: nonEmpty.default('data/portal.db'),
  DATA_DIR: nonEmpty.optional(),
  DIST_DIR: nonEmpty.default('dist'),
  SEED_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PRACTICE_NAME: nonEmpty.default(DEMO_PRACTICE.name),
  PRACTICE_SHORT_NAME: z.string().trim().min(1).max(12).default(DEMO_PRACTICE.shortName),
  PRACTICE_TIME_ZONE: timeZone.default(DEMO_PRACTICE.timeZone),
  PRACTICE_SUPPORT_PHONE: nonEmpty.default(DEMO_PRACTICE.supportPhone),
  PRACTICE_SUPPORT_EMAIL: email.default(DEMO_PRACTICE.supportEmail),
  PRACTICE_SUPPORT_HOURS: nonEmpty.default(DEMO_PRACTICE.supportHours),
  PRACTICE_BILLING_PHONE: nonEmpty.default(DEMO_PRACTICE.billingPhone),
  PRACTICE_BILLING_EMAIL: email.default(DEMO_PRACTICE.billingEmail),
  PRACTICE_FEEDBACK_EMAIL: email.default(DEMO_PRACTICE.feedbackEmail),
  PRACTICE_OFFICES: officeList.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: email.optional(),
  // The access token lives in memory only; 15 minutes is the ceiling the design allows.
  ACCESS_TOKEN_MINUTES: z.coerce
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(15, 'must be at most 15')
    .default(10),
  REFRESH_TOKEN_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .default(30),
  IDLE_LOCK_MINUTES: z.coerce
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(2, 'must be at least 2 (the warning comes one minute before)')
    .max(240, 'must be at most 240')
    .default(15),
  // Unset: the built-in list. Empty: no result is kept from family members.
  SENSITIVE_RESULT_CODES: loincCodeList.optional(),
  PUSH_ENDPOINT_ORIGINS: originList.optional(),
} as const;

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(VARIABLES)) {
    const raw = env[name];
    const result = schema.safeParse(raw === '' && !EMPTY_IS_A_VALUE.has(name) ? undefined : raw);
    if (result.success) values[name] = result.data;
    else
      problems.push(
        `${name}: ${result.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(raw)})`,
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const v = values as { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]> };

  const publicUrl = new URL(v.PUBLIC_URL ?? `http://localhost:${v.PORT}`);
  const databasePath = v.DATABASE_PATH === ':memory:' ? ':memory:' : resolve(v.DATABASE_PATH);
  return {
    port: v.PORT,
    host: v.HOST,
    publicUrl,
    databasePath,
    dataDir: resolve(v.DATA_DIR ?? (databasePath === ':memory:' ? 'data' : resolve(databasePath, '..'))),
    distDir: resolve(v.DIST_DIR),
    seedDemo: v.SEED_DEMO,
    logLevel: v.LOG_LEVEL,
    practice: {
      name: v.PRACTICE_NAME,
      shortName: v.PRACTICE_SHORT_NAME,
      timeZone: v.PRACTICE_TIME_ZONE,
      supportPhone: v.PRACTICE_SUPPORT_PHONE,
      supportEmail: v.PRACTICE_SUPPORT_EMAIL,
      supportHours: v.PRACTICE_SUPPORT_HOURS,
      billingPhone: v.PRACTICE_BILLING_PHONE,
      billingEmail: v.PRACTICE_BILLING_EMAIL,
      feedbackEmail: v.PRACTICE_FEEDBACK_EMAIL,
      offices: v.PRACTICE_OFFICES ?? DEMO_PRACTICE.offices,
    },
    trustProxy: v.TRUST_PROXY,
    mail: {
      smtpUrl: v.SMTP_URL ?? null,
      from: v.MAIL_FROM ?? `no-reply@${publicUrl.hostname}`,
    },
    auth: {
      accessTokenMinutes: v.ACCESS_TOKEN_MINUTES,
      refreshTokenDays: v.REFRESH_TOKEN_DAYS,
      idleLockMinutes: v.IDLE_LOCK_MINUTES,
    },
    records: {
      sensitiveResultCodes: new Set(v.SENSITIVE_RESULT_CODES ?? DEFAULT_SENSITIVE_RESULT_CODES),
    },
    push: { extraEndpointOrigins: new Set(v.PUSH_ENDPOINT_ORIGINS ?? []) },
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
