// <message-compose>: "Send a message". Subject from the practice's list; for care subjects the
// provider (one the patient has seen) and the office location; the message, up to 1000
// characters, refused here already when it holds a card number; "Attach files" (attach-files.ts).
// Billing-only family members get the billing subjects only. Works offline: the message and its
// files wait on the device and go out later; online, the upload's progress shows while it sends.
// What is written is kept as a draft while typing (draft-controller.ts); `draft` reopens one.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  CARD_NUMBER_MESSAGE,
  containsCardNumber,
  MESSAGE_SUBJECTS,
  type MessageRecipients,
  type MessageSubjectId,
  newMessageRequest,
  type ThreadView,
  topicOf,
} from '../../../core/messages';
import type { PersonInReach } from '../../../core/records';
import { selectField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { fieldErrors } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import type { Draft, NewMessageDraft } from '../../data/messages/drafts';
import { sendNewMessage } from '../../data/messages/send-message';
import type { UploadProgress } from '../../data/outbox/uploads';
import { session } from '../../data/session';
import './attach-files';
import { attachmentStyles, uploadProgress } from './attachment-parts';
import { DraftController } from './draft-controller';
import { messageBox, messageBoxStyles } from './message-box';

/** Fired when the message reached the practice (detail: the new thread) or waits on the device. */
export type ComposeDoneDetail = { sent: ThreadView } | { queued: true };
/** Fired on Cancel: whether what was written is kept as a draft. */
export interface ComposeCancelDetail {
  draftKept: boolean;
}

export class MessageCompose extends LitElement {
  static override styles = [...pageStyles, formStyles, messageBoxStyles, attachmentStyles];
  static override properties = {
    person: { attribute: false },
    recipients: { attribute: false },
    senderName: { attribute: false },
    draft: { attribute: false },
    subject: { state: true },
    providerId: { state: true },
    locationId: { state: true },
    body: { state: true },
    progress: { state: true },
  };

  declare person: PersonInReach;
  declare recipients: MessageRecipients | null;
  /** The signed-in account's name, for "Sending as … on behalf of …". */
  declare senderName: string;
  /** A saved draft to go on with; none for a new message. */
  declare draft: Draft | null;
  declare subject: MessageSubjectId | '';
  declare providerId: string;
  declare locationId: string;
  declare body: string;
  declare progress: UploadProgress | null;
  private readonly form = new FormController(this, { action: 'Sending a message' });
  private readonly drafts = new DraftController(this, {
    patientId: () => this.person?.patientId ?? null,
    content: (): NewMessageDraft => ({
      kind: 'new',
      subject: this.subject,
      providerId: this.providerId,
      locationId: this.locationId,
      body: this.body,
      attachments: this.picker?.refs ?? [],
    }),
  });

  constructor() {
    super();
    this.recipients = null;
    this.senderName = '';
    this.draft = null;
    this.subject = '';
    this.providerId = '';
    this.locationId = '';
    this.body = '';
    this.progress = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const draft = this.draft;
    if (!changed.has('draft') || !draft || draft.content.kind !== 'new' || draft.id === this.drafts.id)
      return;
    this.drafts.adopt(draft);
    const { subject, providerId, locationId, body, attachments } = draft.content;
    this.subject = subject;
    this.providerId = providerId;
    this.locationId = locationId;
    this.body = body;
    void this.updateComplete.then(() => this.picker?.restore(attachments));
  }

  private get picker() {
    return this.renderRoot.querySelector('attach-files');
  }

  private get billingOnly(): boolean {
    return this.person.access === 'billing';
  }

  private get providers() {
    return this.recipients?.providers ?? [];
  }

  private get care(): boolean {
    return this.subject !== '' && topicOf(this.subject) === 'care';
  }

  private get subjects() {
    return MESSAGE_SUBJECTS.filter(
      (s) => s.topic === 'billing' || (!this.billingOnly && this.providers.length > 0),
    );
  }

  private onProvider(id: string): void {
    this.providerId = id;
    const locations = this.providers.find((p) => p.id === id)?.locations ?? [];
    // One office: nothing to choose.
    this.locationId = locations.length === 1 ? locations[0]!.id : '';
  }

  private onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const picker = this.picker;
      if (picker?.busy) return { alert: 'A file is still being prepared. Send again in a moment.' };
      const attachments = picker?.refs ?? [];
      const request = {
        subject: this.subject || undefined,
        ...(this.care
          ? { providerId: this.providerId || undefined, locationId: this.locationId || undefined }
          : {}),
        body: this.body,
        ...(attachments.length > 0 ? { attachments } : {}),
      };
      const parsed = newMessageRequest.safeParse(request);
      if (!parsed.success) return { problems: zodFieldErrors(parsed.error) };
      const provider = this.providers.find((p) => p.id === parsed.data.providerId);
      const outcome = await sendNewMessage(
        this.person.patientId,
        parsed.data,
        {
          withName: provider?.name ?? 'Billing office',
          locationName: provider?.locations.find((l) => l.id === parsed.data.locationId)?.name ?? '',
        },
        (progress) => {
          this.progress = progress;
        },
      );
      this.progress = null;
      if (outcome.kind === 'sent' || outcome.kind === 'queued') {
        // The files belong to the message now (sent, or waiting with it), not to the draft.
        await this.drafts.sent();
        picker?.clear();
        const detail: ComposeDoneDetail = outcome.kind === 'sent' ? { sent: outcome.data } : { queued: true };
        this.dispatchEvent(
          new CustomEvent<ComposeDoneDetail>('compose-done', { detail, bubbles: true, composed: true }),
        );
        return;
      }
      if (outcome.kind !== 'problem') return { alert: outcome.reason };
      const problems = fieldErrors(outcome.problem);
      return Object.keys(problems).length > 0
        ? { problems }
        : { alert: outcome.problem.detail ?? outcome.problem.title };
    });
  }

  private async cancel(): Promise<void> {
    const detail: ComposeCancelDetail = { draftKept: await this.drafts.flush() };
    this.dispatchEvent(
      new CustomEvent<ComposeCancelDetail>('compose-cancel', { detail, bubbles: true, composed: true }),
    );
  }

  private renderCareFields() {
    if (!this.care) return nothing;
    const provider = this.providers.find((p) => p.id === this.providerId);
    return html`${selectField({
      id: 'providerId',
      label: 'Provider',
      hint:
        this.person.access === 'self'
          ? 'Providers you have seen at the practice.'
          : `Providers ${this.person.displayName} has seen at the practice.`,
      value: this.providerId,
      error: this.form.problem('providerId'),
      onInput: (value) => this.onProvider(value),
      options: [
        { value: '', label: 'Choose a provider' },
        ...this.providers.map((p) => ({
          value: p.id,
          label: `${p.specialty ? `${p.name} (${p.specialty})` : p.name}${p.careTeam ? ', your care team' : ''}`,
        })),
      ],
    })}
    ${selectField({
      id: 'locationId',
      label: 'Office location',
      value: this.locationId,
      error: this.form.problem('locationId'),
      onInput: (value) => {
        this.locationId = value;
      },
      options: [
        { value: '', label: provider ? 'Choose the office' : 'Choose a provider first' },
        ...(provider?.locations ?? []).map((l) => ({ value: l.id, label: l.name })),
      ],
    })}`;
  }

  override render() {
    const onBehalf = this.person.access !== 'self';
    const cardWarning = containsCardNumber(this.body);
    return html`<form class="card" novalidate @submit=${this.onSubmit} aria-labelledby="compose-heading">
      <h2 id="compose-heading">Send a message</h2>
      ${
        onBehalf
          ? html`<p class="note">
              You are writing on behalf of ${this.person.displayName}. The practice and
              ${this.person.displayName} will see that ${this.senderName || 'you'} wrote it.
            </p>`
          : nothing
      }
      ${
        this.billingOnly
          ? html`<p>With Billing only access you can write to the billing office about bills and insurance.</p>`
          : this.providers.length === 0
            ? html`<p>There are no providers to write to yet: the list shows the providers you have seen. You can write to the billing office.</p>`
            : nothing
      }
      ${selectField({
        id: 'subject',
        label: 'Subject',
        value: this.subject,
        error: this.form.problem('subject'),
        onInput: (value) => {
          this.subject = value as MessageSubjectId | '';
        },
        options: [
          { value: '', label: 'Choose a subject' },
          ...this.subjects.map((s) => ({ value: s.id, label: s.label })),
        ],
      })}
      ${this.subject !== '' && !this.care ? html`<p class="hint">This goes to the billing office.</p>` : nothing}
      ${this.renderCareFields()}
      ${messageBox({
        id: 'body',
        label: 'Message',
        value: this.body,
        error: this.form.problem('body') || (cardWarning ? CARD_NUMBER_MESSAGE : undefined),
        onInput: (value) => {
          this.body = value;
          // The old complaint ("Write your message.") no longer applies once something is written.
          if (this.form.problem('body')) this.form.problems = { ...this.form.problems, body: '' };
        },
      })}
      <attach-files .accountId=${session.account?.id ?? ''} ?disabled=${this.form.busy}></attach-files>
      <p class="hint" id="not-urgent">
        Messages are not for emergencies: call 911. Do not send credit card information, as text or as a picture.
      </p>
      ${this.form.busy ? uploadProgress(this.progress) : nothing}
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.form.busy}>
          ${this.form.busy ? 'Sending…' : 'Send message'}
        </button>
        <button class="button secondary" type="button" @click=${this.cancel}>Cancel</button>
      </div>
    </form>`;
  }
}

customElements.define('message-compose', MessageCompose);

declare global {
  interface HTMLElementTagNameMap {
    'message-compose': MessageCompose;
  }
}
