// The recipient's side of a secure link: opening the shared summary with the link's token and the
// code, with no account and nothing kept on the device. Kept apart from health-records.ts so the
// recipient's page loads no record cache.
import { API } from '../../core/api-paths';
import type { SharedHealthRecord } from '../../core/health-records';
import { apiRequest, globalFetch } from './api-request';

export function openSharedRecord(token: string, code: string) {
  return apiRequest<SharedHealthRecord>(globalFetch, API.sharedRecords.open, {
    method: 'POST',
    body: { token, code },
  });
}
