// Test helper: a configured practice and a fetch stand-in, so shell tests never need a server.
import { API } from '../../core/api-paths';
import type { PracticeInfo } from '../../core/practice';

export const TEST_PRACTICE: PracticeInfo = {
  name: 'Maple Grove Clinic',
  shortName: 'Maple Grove',
  timeZone: 'America/New_York',
  supportPhone: '(555) 010-2000',
  supportEmail: 'help@maplegrove.example',
  supportHours: 'Weekdays, 9 am to 5 pm',
  billingPhone: '+1 555 010 2010',
  billingEmail: 'billing@maplegrove.example',
  feedbackEmail: 'ideas@maplegrove.example',
  offices: [
    {
      id: 'o1',
      name: 'Maple Grove Main Office',
      address: '1 Elm Road, Maple Grove',
      phone: '(555) 010-2001',
    },
    { id: 'o2', name: 'Riverside Clinic', address: '22 River Lane, Maple Grove', phone: '(555) 010-2002' },
  ],
};

const realFetch = window.fetch;

/** Makes GET /api/practice answer with `practice`, or fail like an offline request when null. */
export function stubPracticeApi(practice: PracticeInfo | null): void {
  window.fetch = async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith(API.practice)) return realFetch(input);
    if (practice === null) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(practice), { headers: { 'content-type': 'application/json' } });
  };
}

export function restoreFetch(): void {
  window.fetch = realFetch;
}
