// How the messages pages name people and times: "You", "Daniel Okafor for Amara Okafor", the
// practice member, and short dates in the practice's time zone.
import type { MessageView } from '../../../core/messages';

/** Who wrote a message, as the reading account sees it. */
export function authorLine(message: MessageView, readerAccountId: string | null): string {
  const who =
    message.from === 'patient' &&
    message.authorAccountId !== null &&
    message.authorAccountId === readerAccountId
      ? 'You'
      : message.authorName;
  return message.onBehalfOf ? `${who}, on behalf of ${message.onBehalfOf}` : who;
}

/** "Today 9:41 AM", "Mar 4, 2:10 PM", or "Mar 4, 2024" for older years. */
export function when(iso: string, timeZone: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone }).format(at);
  if (day(at) === day(now)) return `Today ${time}`;
  const sameYear = day(at).slice(0, 4) === day(now).slice(0, 4);
  return sameYear
    ? `${new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone }).format(at)}, ${time}`
    : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(at);
}

/** A failed send in words: the server's reason, which says what to change. */
export function notSentText(failure: { title: string; detail?: string } | undefined): string {
  if (!failure) return 'Not sent.';
  return `Not sent: ${failure.detail ?? failure.title}`;
}
