// Which results stay away from family members: a result with a sensitive code, and a report that
// gathers one (its conclusion and attachments would tell the same thing).
import { isSensitiveResult } from '../../../core/records';
import { parseReference } from '../records/references';
import type { ResourceStore } from '../records/store';

type Json = Record<string, unknown>;

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
    if (resource.resourceType !== 'DiagnosticReport' || !Array.isArray(resource.result)) return false;
    return resource.result.some((item: unknown) => {
      const text = item !== null && typeof item === 'object' ? (item as Json).reference : undefined;
      if (typeof text !== 'string') return false;
      const parsed = parseReference(text);
      return parsed.kind === 'relative' && parsed.type === 'Observation' && sensitiveObservation(parsed.id);
    });
  };
}
