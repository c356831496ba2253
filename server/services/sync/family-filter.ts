// Which results stay away from family members: a result with a sensitive code (the tests on the
// list and the mental-health, alcohol, drug-use and partner-violence questionnaire scores, see
// core/records.ts), a report that gathers one (its conclusion and attachments would tell the same
// thing), and a panel Observation whose members include one (a questionnaire panel and its score).

import type { Json } from '../../../core/json';
import { isSensitiveResult } from '../../../core/records';
import { parseReference } from '../records/references';
import type { ResourceStore } from '../records/store';

/** Whether a family member with Full access must not see this resource of the patient's record. */
export type HiddenFromFamily = (resource: Json) => boolean;

export function hiddenFromFamily(
  store: ResourceStore,
  patientId: string,
  sensitiveCodes: ReadonlySet<string>,
): HiddenFromFamily {
  const observations = new Map<string, boolean>();
  const sensitiveObservation = (id: string): boolean => {
    let hidden = observations.get(id);
    if (hidden === undefined) {
      const stored = store.get('Observation', id);
      hidden =
        stored !== undefined &&
        stored.patientId === patientId &&
        isSensitiveResult(stored.resource, sensitiveCodes);
      observations.set(id, hidden);
    }
    return hidden;
  };
  return (resource) => {
    if (isSensitiveResult(resource, sensitiveCodes)) return true;
    const members =
      resource.resourceType === 'DiagnosticReport'
        ? resource.result
        : resource.resourceType === 'Observation'
          ? resource.hasMember
          : undefined;
    if (!Array.isArray(members)) return false;
    return members.some((item: unknown) => {
      const text = item !== null && typeof item === 'object' ? (item as Json).reference : undefined;
      if (typeof text !== 'string') return false;
      const parsed = parseReference(text);
      return parsed.kind === 'relative' && parsed.type === 'Observation' && sensitiveObservation(parsed.id);
    });
  };
}
