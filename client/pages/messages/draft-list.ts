// The "Drafts" list on Messages: each message being written (data/messages/drafts.ts) with what
// it is about, who it goes to, its first words, when it was saved and its files, and Open and
// Discard buttons that name the draft for screen readers.
import { css, html, nothing } from 'lit';
import { type MessageRecipients, subjectOf, type ThreadView, topicOf } from '../../../core/messages';
import type { Draft } from '../../data/messages/drafts';
import { when } from './message-words';

export const draftListStyles = css`
  .drafts {
    margin: 0 0 1.5rem;
    padding: 0;
    list-style: none;
  }
  .drafts > li {
    max-width: none;
    padding: 0.75rem 1rem;
    border: 1px dashed var(--border);
    border-radius: var(--radius);
    background: var(--surface);
    overflow-wrap: anywhere;
  }
  .drafts > li + li {
    margin-top: 0.5rem;
  }
  .drafts .first-words {
    margin: 0.25rem 0;
  }
  .drafts .saved {
    margin: 0;
    color: var(--muted);
  }
  .drafts .draft-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
`;

/** What the list needs besides the drafts: the threads and providers they refer to. */
export interface DraftListOptions {
  drafts: Draft[];
  threads: ThreadView[];
  recipients: MessageRecipients | null;
  timeZone: string;
  onOpen: (draft: Draft) => void;
  onDiscard: (draft: Draft) => void;
}

const FIRST_WORDS_CHARS = 80;

/** The beginning of the text, cut at a word: enough to recognise it. */
export function firstWords(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= FIRST_WORDS_CHARS) return text;
  const cut = text.slice(0, FIRST_WORDS_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > FIRST_WORDS_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "Question about a bill", "Reply to Medical question", or "New message" before a subject. */
export function draftTitle(draft: Draft, threads: readonly ThreadView[]): string {
  const content = draft.content;
  if (content.kind === 'new') return content.subject ? subjectOf(content.subject).label : 'New message';
  const thread = threads.find((t) => t.id === content.threadId);
  return thread ? `Reply to ${subjectOf(thread.subject).label}` : 'Reply to a conversation';
}

/** Whom it goes to, when the form already says. */
export function draftRecipient(
  draft: Draft,
  threads: readonly ThreadView[],
  recipients: MessageRecipients | null,
): string | null {
  const content = draft.content;
  if (content.kind === 'reply') return threads.find((t) => t.id === content.threadId)?.withName ?? null;
  if (content.subject && topicOf(content.subject) === 'billing') return 'the billing office';
  return recipients?.providers.find((p) => p.id === content.providerId)?.name ?? null;
}

export function draftList(o: DraftListOptions) {
  if (o.drafts.length === 0) return nothing;
  return html`<section aria-labelledby="drafts-heading">
    <h2 id="drafts-heading">Drafts</h2>
    <ul class="drafts" aria-labelledby="drafts-heading">
      ${o.drafts.map((draft) => draftItem(draft, o))}
    </ul>
  </section>`;
}

function draftItem(draft: Draft, o: DraftListOptions) {
  const title = draftTitle(draft, o.threads);
  const to = draftRecipient(draft, o.threads, o.recipients);
  const files = draft.content.attachments.length;
  const saved = when(draft.updatedAt, o.timeZone);
  // A reply opens in its conversation: one no longer on the device can only be discarded.
  const content = draft.content;
  const openable = content.kind === 'new' || o.threads.some((t) => t.id === content.threadId);
  const words = firstWords(draft.content.body);
  return html`<li class="draft">
    <strong>${title}</strong>${to ? html` · to ${to}` : nothing}
    ${words ? html`<p class="first-words">${words}</p>` : nothing}
    <p class="saved">
      Saved <time datetime=${draft.updatedAt}>${saved}</time>${files > 0 ? ` · ${files === 1 ? '1 file' : `${files} files`}` : nothing}
    </p>
    <div class="draft-actions">
      ${
        openable
          ? html`<button class="button" type="button" aria-label=${`Open draft: ${title}, saved ${saved}`} @click=${() => o.onOpen(draft)}>
              Open
            </button>`
          : nothing
      }
      <button class="button secondary" type="button" aria-label=${`Discard draft: ${title}, saved ${saved}`} @click=${() => o.onDiscard(draft)}>
        Discard
      </button>
    </div>
  </li>`;
}
