// Fetches the practice's public details from the API and keeps the last good answer in
// localStorage, so the shell can name the practice offline. Not health information.

import { API } from '../../core/api-paths';
import type { PracticeInfo } from '../../core/practice';
import { isPracticeInfo } from './practice-guard';

export const PRACTICE_CACHE_KEY = 'portal.practice.v1';

/** The last answer the server gave, or null when there never was one (or storage is blocked). */
export function readCachedPractice(): PracticeInfo | null {
  try {
    const raw = localStorage.getItem(PRACTICE_CACHE_KEY);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    return isPracticeInfo(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function writeCachedPractice(practice: PracticeInfo): void {
  try {
    localStorage.setItem(PRACTICE_CACHE_KEY, JSON.stringify(practice));
  } catch {
    // Storage full or blocked (private mode): the app still works, it just won't remember offline.
  }
}

/**
 * Asks the server for the current details and caches them. Resolves null instead of throwing
 * when offline or when the answer is unusable: callers then keep what they already show.
 */
export async function fetchPractice(fetchImpl: typeof fetch = fetch): Promise<PracticeInfo | null> {
  try {
    const response = await fetchImpl(API.practice, { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    if (!isPracticeInfo(body)) return null;
    writeCachedPractice(body);
    return body;
  } catch {
    return null;
  }
}
