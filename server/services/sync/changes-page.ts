// Builds one pull-sync page for a caller who may see clinical data: the patient's record changes
// after the cursor, each either the resource as this caller may see it or a removal.
import { type ChangesPage, isReleased, RECORD_TYPES, type RecordChange } from '../../../core/records';
import type { ResourceStore, StoredResource } from '../records/store';
import { directoryNames, fillDirectoryNames } from './directory-names';
import { hiddenFromFamily } from './family-filter';
import { viewOf } from './view';

export interface PageRequest {
  patientId: string;
  /** The patient themself, or a family member with Full access. */
  access: 'self' | 'full';
  since: number;
  limit: number;
  sensitiveCodes: ReadonlySet<string>;
}

/**
 * Every row read becomes one change, so the cursor moves past hidden rows too: a hidden row is
 * sent as a removal (a device that had it drops it), and a result released later takes a new
 * sequence number and arrives then.
 */
export function buildChangesPage(store: ResourceStore, request: PageRequest): ChangesPage {
  const { patientId, access, since, limit, sensitiveCodes } = request;
  const read = store.changesSince(patientId, since, limit, RECORD_TYPES);
  const names = directoryNames(store);
  const hidden = access === 'full' ? hiddenFromFamily(store, patientId, sensitiveCodes) : () => false;

  const toChange = (row: StoredResource): RecordChange => {
    const { type, id, seq, resource } = row;
    // A removal carries no date either: when a hidden result was taken is not for this caller.
    if (row.deleted || !isReleased(resource) || hidden(resource)) return { type, id, seq, date: null };
    fillDirectoryNames(resource, names);
    return { type, id, seq, date: row.date, resource };
  };

  return {
    patientId,
    since,
    next: read.nextSince,
    more: read.more,
    changes: read.resources.map(toChange),
    view: viewOf(access, sensitiveCodes),
  };
}
