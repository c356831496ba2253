// The independent checks the C-CDA tests hold every generated document to: the HL7 CDA schema
// (xmllint), the HL7 C-CDA R2.1 Schematron (cda-schematron-validator) and a third-party C-CDA
// reader (@amida-tech/blue-button). Test support only; none of it ships.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data', import.meta.url));
const SCHEMA = `${SHARED_DATA}/cda-schema/infrastructure/cda/CDA_SDTC.xsd`;
const SCHEMATRON = `${SHARED_DATA}/cda-schema/schematron/Consolidated CDA Templates for Clinical Notes (US Realm) DSTU R2.1.sch`;

/** xmllint's verdict: ok, and its messages (schema errors name line and element). */
export function schemaCheck(xml: string): { ok: boolean; messages: string } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, '-'], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error)
    throw new Error(
      `xmllint could not run (${run.error.message}). Install it: apt-get install libxml2-utils (Debian's package; CI's .ci/run does).`,
    );
  return { ok: run.status === 0, messages: `${run.stderr}`.trim() };
}

/** Only well-formedness (no schema): for documents made of hostile text. */
export function wellFormed(xml: string): { ok: boolean; messages: string } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: xml, encoding: 'utf8' });
  if (run.error)
    throw new Error(
      `xmllint could not run (${run.error.message}). Install it: apt-get install libxml2-utils.`,
    );
  return { ok: run.status === 0, messages: `${run.stderr}`.trim() };
}

interface SchematronIssue {
  type: string;
  test: string;
  description: string;
  context: string;
  line?: number;
}
interface SchematronResult {
  errorCount: number;
  warningCount: number;
  ignoredCount: number;
  errors: SchematronIssue[];
  warnings: SchematronIssue[];
  ignored: SchematronIssue[];
}
interface SchematronModule {
  clearCache(): void;
  validate(xml: string, schematron: string | null, options: Record<string, unknown>): SchematronResult;
}

let schematronText: string | undefined;

/** The R2.1 Schematron's errors (SHALL), warnings (SHOULD) and the asserts it could not evaluate. */
export function schematronCheck(xml: string): SchematronResult {
  const validator = require('cda-schematron-validator') as SchematronModule;
  schematronText ??= readFileSync(SCHEMATRON, 'utf8');
  // No vocabulary file ships with the Schematron: the value-set asserts that read voc.xml are
  // reported as "ignored", never as passed.
  // The validator caches the parts of the document each rule selects, keyed by rule and not by
  // document: without clearing, a second document is checked against the first one's parts.
  validator.clearCache();
  return validator.validate(xml, schematronText, { includeWarnings: true });
}

/** What blue-button reads from a C-CDA: only the parts the tests compare. */
export interface BlueButtonCode {
  name?: string;
  code?: string;
  code_system_name?: string;
}
export interface BlueButtonDate {
  date: string;
  precision: string;
}
export interface BlueButtonDocument {
  data: {
    demographics?: { name?: { first?: string; last?: string; middle?: string[] } };
    allergies?: { observation: { allergen?: BlueButtonCode; date_time?: { low?: BlueButtonDate } } }[];
    medications?: {
      product: { product: BlueButtonCode; unencoded_name?: string };
      date_time?: { low?: BlueButtonDate };
    }[];
    problems?: { problem: { code: BlueButtonCode; date_time?: { low?: BlueButtonDate } } }[];
    immunizations?: { product: { product: BlueButtonCode }; date_time?: { point?: BlueButtonDate } }[];
    results?: {
      result_set: BlueButtonCode;
      results: { result: BlueButtonCode; date_time?: { point?: BlueButtonDate } }[];
    }[];
  };
}

export function blueButton(xml: string): BlueButtonDocument {
  const bb = require('@amida-tech/blue-button') as { parseString(xml: string): BlueButtonDocument };
  return bb.parseString(xml);
}
