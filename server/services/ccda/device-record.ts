// A patient's record exactly as a device receives it: every pull-sync page from the start, the
// resources that are not removals, with directory names filled into references. The Health
// Records routes build the server-side C-CDA from this, so it says what the phone would say.
import type { AnyResource } from '../../../core/fhir/types';
import { DEFAULT_CHANGES_PAGE_SIZE } from '../../../core/records';
import type { ResourceStore } from '../records/store';
import { buildChangesPage } from '../sync/changes-page';

export interface DeviceRecordRequest {
  patientId: string;
  /** The patient themself, or a family member with Full access (who gets the family filter). */
  access: 'self' | 'full';
  sensitiveCodes: ReadonlySet<string>;
}

export function deviceRecord(store: ResourceStore, request: DeviceRecordRequest): AnyResource[] {
  // Later pages replace earlier versions of the same resource, as on the device.
  const latest = new Map<string, AnyResource | undefined>();
  let since = 0;
  for (;;) {
    const page = buildChangesPage(store, { ...request, since, limit: DEFAULT_CHANGES_PAGE_SIZE });
    for (const change of page.changes)
      latest.set(`${change.type}/${change.id}`, change.resource as AnyResource | undefined);
    if (!page.more || page.next <= since) break;
    since = page.next;
  }
  return [...latest.values()].filter((r): r is AnyResource => r !== undefined);
}
