// The time a summary covers (documentationOf/serviceEvent): the selected days, or for All time
// the first and last day any record is dated.
import { clinicalDay, clinicalTime } from '../clinical-dates';
import type { AnyResource } from '../fhir/types';
import { type DayBounds, isAllTime } from './selection';

type Json = Record<string, unknown>;

/** The fields that date a record, in the resource types the record holds. */
const DATE_PATHS = [
  'onsetDateTime',
  'recordedDate',
  'authoredOn',
  'effectiveDateTime',
  'effectiveInstant',
  'occurrenceDateTime',
  'performedDateTime',
  'abatementDateTime',
  'period.start',
  'period.end',
  'effectivePeriod.start',
  'effectivePeriod.end',
  'performedPeriod.start',
  'performedPeriod.end',
  'onsetPeriod.start',
];

function at(resource: Json, path: string): unknown {
  let node: unknown = resource;
  for (const key of path.split('.'))
    node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined;
  return node;
}

export function servicePeriod(
  resources: readonly AnyResource[],
  bounds: DayBounds,
): { start: string | undefined; end: string | undefined } {
  if (!isAllTime(bounds)) return { start: bounds.from, end: bounds.to };
  let first: { time: number; value: string } | undefined;
  let last: { time: number; value: string } | undefined;
  for (const resource of resources) {
    if (resource.resourceType === 'Patient') continue;
    for (const path of DATE_PATHS) {
      const value = at(resource as unknown as Json, path);
      if (typeof value !== 'string') continue;
      const time = clinicalTime(value);
      if (Number.isNaN(time)) continue;
      if (!first || time < first.time) first = { time, value };
      if (!last || time > last.time) last = { time, value };
    }
  }
  return { start: clinicalDay(first?.value) || undefined, end: clinicalDay(last?.value) || undefined };
}
