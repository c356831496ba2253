// The parts of a conversation that the patient's Messages and the Practice inbox show alike: its
// heading with the way back, and each message with who wrote it and when (styled by
// conversation-styles.ts). Each side adds its own lines (the patient's waiting messages, the
// practice's "Patient: …").
import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentView } from '../../../core/attachments';
import type { MessageSubjectId, MessageView } from '../../../core/messages';
import { subjectOf } from '../../../core/messages';
import { attachmentList } from './attachment-parts';
import { authorLine, when } from './message-words';

export interface ThreadHeading {
  back: string;
  onBack: () => void;
  subject: MessageSubjectId;
  /** The line under the subject ("With Dr. Ada Obi · Main Office"). */
  meta: TemplateResult | string;
}

export function threadHeading(o: ThreadHeading): TemplateResult {
  return html`<button class="link-button back" type="button" @click=${o.onBack}>${o.back}</button>
    <h2 id="thread-heading" tabindex="-1">${subjectOf(o.subject).label}</h2>
    <p class="meta">${o.meta}</p>`;
}

/** The whole conversation: its heading, the messages (oldest first) and what follows (the reply). */
export function conversation(o: ThreadHeading & { items: unknown[]; after: TemplateResult }): TemplateResult {
  return html`${threadHeading(o)}
    <ol aria-labelledby="thread-heading">
      ${o.items}
    </ol>
    ${o.after}`;
}

/** "With Dr. Ada Obi · Main Office". */
export const withLine = (thread: { withName: string; locationName: string | null | undefined }): string =>
  `With ${thread.withName}${thread.locationName ? ` · ${thread.locationName}` : ''}`;

/** One message: who wrote it (`side` after the name), when, what, and its files (`onOpen` opens one). */
export function messageItem(
  message: MessageView,
  readerAccountId: string | null,
  timeZone: string,
  onOpen: (message: MessageView, file: AttachmentView) => void,
  side: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return html`<li class=${message.from}>
    <p class="from">
      ${authorLine(message, readerAccountId)} ${side}
      <time datetime=${message.sentAt}> · ${when(message.sentAt, timeZone)}</time>
    </p>
    <p class="body">${message.body}</p>
    ${attachmentList(message.attachments, (file) => onOpen(message, file))}
  </li>`;
}
