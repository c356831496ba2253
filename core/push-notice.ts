// What a "You have a new message" push carries from the server to the service worker, and how the
// worker reads it. Free of zod, so the worker stays small. It never holds health information: no
// provider, subject, text or patient name, only the practice's name and where to go.

/** The page a notification opens. */
export const NOTICE_URL = '/messages';

/** Notifications with the same tag replace each other: a second answer never stacks a second one. */
export const NOTICE_TAG = 'new-message';

/** Said whenever the payload is missing or not ours: still nothing about anyone's health. */
export const NOTICE_TITLE = 'You have a new message';

export interface PushNotice {
  title: string;
  body: string;
  /** A path of the portal (same origin), always NOTICE_URL today. */
  url: string;
}

/** The payload the server sends for a practice's answer. */
export function newMessageNotice(practiceName: string): PushNotice {
  return { title: NOTICE_TITLE, body: `${practiceName}: sign in to read it.`, url: NOTICE_URL };
}

const MAX_TEXT = 200;
const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_TEXT) : fallback;

/**
 * The notice in a push payload, whatever arrived: anything missing or odd falls back to the generic
 * words, and the link stays a path of the portal (a push can never send the user elsewhere).
 */
export function readPushNotice(payload: unknown): PushNotice {
  const data = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const url = typeof data.url === 'string' && /^\/(?![/\\])[^\s]*$/.test(data.url) ? data.url : NOTICE_URL;
  return { title: text(data.title, NOTICE_TITLE), body: text(data.body, ''), url };
}
