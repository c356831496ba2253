// A result's history as the trend chart and its table read it: rows oldest to newest, one number
// per series (one series, or systolic and diastolic for blood pressure), the flag and the range.

import { clinicalTime, formatClinicalDate } from '../../../core/clinical-dates';
import {
  bloodPressure,
  numberText,
  observationValueText,
  type ResultFlag,
  referenceRangeText,
  resultFlag,
  unitText,
} from '../../../core/fhir/text';
import type { Observation } from '../../../core/fhir/types';
import { newestFirst, observationDate } from './history-sections';

export interface TrendRow {
  key: string;
  time: number;
  /** The date as the table shows it. */
  date: string;
  /** One number per series (undefined when that reading has no number). */
  numbers: (number | undefined)[];
  /** One text per series, as the table shows it. */
  texts: string[];
  flag?: ResultFlag;
  range?: string;
  corrected: boolean;
}

export interface TrendData {
  title: string;
  /** The unit as people write it ("mg/dL"); '' for counts and scores. */
  unit: string;
  /** "Result", or "Systolic" and "Diastolic". */
  seriesNames: string[];
  /** Oldest first. */
  rows: TrendRow[];
  /** The latest result's normal range, for the shaded band. */
  range?: { low?: number; high?: number; text: string };
}

const unitSuffix = (unit: string) => (unit ? (unit === '%' || unit.startsWith('/') ? unit : ` ${unit}`) : '');

export const isCorrected = (status: string | undefined): boolean =>
  status === 'corrected' || status === 'amended';

const oldestFirst = (observations: readonly Observation[]) =>
  newestFirst(observations, (o) => clinicalTime(observationDate(o))).reverse();

/** The history of one analyte (or one vital sign) from its observations, in any order. */
export function observationTrend(title: string, observations: readonly Observation[]): TrendData {
  const sorted = oldestFirst(observations);
  const rows: TrendRow[] = sorted.map((o, i) => {
    const value = o.valueQuantity?.value;
    return {
      key: o.id ?? `row-${i}`,
      time: clinicalTime(observationDate(o)),
      date: formatClinicalDate(observationDate(o)),
      numbers: [typeof value === 'number' && Number.isFinite(value) ? value : undefined],
      texts: [observationValueText(o)],
      flag: resultFlag(o.interpretation),
      range: referenceRangeText(o.referenceRange) || undefined,
      corrected: isCorrected(o.status),
    };
  });
  const latest = [...sorted].reverse().find((o) => o.valueQuantity?.value !== undefined) ?? sorted.at(-1);
  const unit = unitText(latest?.valueQuantity?.unit ?? latest?.valueQuantity?.code);
  const band = latest?.referenceRange?.[0];
  const low = band?.low?.value;
  const high = band?.high?.value;
  return {
    title,
    unit,
    seriesNames: ['Result'],
    rows,
    range:
      band && (low !== undefined || high !== undefined)
        ? { low, high, text: referenceRangeText([band]) }
        : undefined,
  };
}

/** Blood pressure readings as two series, systolic over diastolic. */
export function bloodPressureTrend(title: string, observations: readonly Observation[]): TrendData {
  const rows: TrendRow[] = [];
  for (const o of oldestFirst(observations)) {
    const bp = bloodPressure(o);
    rows.push({
      key: o.id ?? `row-${rows.length}`,
      time: clinicalTime(observationDate(o)),
      date: formatClinicalDate(observationDate(o)),
      numbers: [bp?.systolic, bp?.diastolic],
      texts: bp
        ? [`${numberText(bp.systolic)} mmHg`, `${numberText(bp.diastolic)} mmHg`]
        : [observationValueText(o), ''],
      flag: resultFlag(o.interpretation),
      corrected: isCorrected(o.status),
    });
  }
  return { title, unit: 'mmHg', seriesNames: ['Systolic', 'Diastolic'], rows };
}

/** What the chart says to a screen reader: how many results, over what time, the spread, the latest. */
export function trendSummary(data: TrendData): string {
  const numeric = data.rows.filter((r) => r.numbers.some((n) => n !== undefined));
  if (numeric.length === 0) return `${data.title}: no results with a number to chart.`;
  const unit = unitSuffix(data.unit);
  const first = numeric[0]!;
  const last = numeric.at(-1)!;
  const count = `${numberText(numeric.length)} ${numeric.length === 1 ? 'result' : 'results'}`;
  const when = numeric.length === 1 ? `on ${first.date}` : `from ${first.date} to ${last.date}`;
  const spread = data.seriesNames
    .map((name, s) => {
      const values = numeric.map((r) => r.numbers[s]).filter((n): n is number => n !== undefined);
      if (values.length === 0) return '';
      const min = Math.min(...values);
      const max = Math.max(...values);
      const words =
        min === max ? `${numberText(min)}${unit}` : `${numberText(min)} to ${numberText(max)}${unit}`;
      return data.seriesNames.length > 1 ? `${name.toLowerCase()} ${words}` : words;
    })
    .filter(Boolean)
    .join(', ');
  const latestValue =
    data.seriesNames.length > 1
      ? last.numbers.every((n) => n !== undefined)
        ? `${last.numbers.map((n) => numberText(n!)).join('/')}${unit}`
        : last.texts.filter(Boolean).join(', ')
      : last.texts[0];
  const flag = last.flag && last.flag.level !== 'normal' ? ` (${last.flag.text})` : '';
  const range = data.range ? ` Normal range: ${data.range.text}.` : '';
  const ranging = numeric.length > 1 ? `, ranging from ${spread}` : '';
  return `${data.title}: ${count} ${when}${ranging}. Latest: ${latestValue}${flag} on ${last.date}.${range}`;
}

/** A number in the trend's unit, for point labels: "178.58 mg/dL", "98%". */
export const trendValue = (data: TrendData, value: number): string =>
  `${numberText(value)}${unitSuffix(data.unit)}`;
