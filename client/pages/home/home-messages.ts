// <home-messages>: Home's Messages section, where the practice's guide sends patients to write
// (and attach files): new replies not read yet (new-messages.ts), "Send a message" opening the
// form right here, and what became of the message once sent or kept on the device (a message left
// unsent is kept in Drafts on the Messages page).
import { css, html, LitElement, nothing } from 'lit';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import type { ComposeCancelDetail, ComposeDoneDetail } from '../messages/message-compose';
import './new-messages';

export class HomeMessages extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      section {
        margin-top: 1.5rem;
      }
      h2 {
        margin-top: 0;
      }
    `,
  ];
  static override properties = { writing: { state: true }, notice: { state: true } };

  declare writing: boolean;
  declare notice: string;

  constructor() {
    super();
    this.writing = false;
    this.notice = '';
  }

  private async write(): Promise<void> {
    this.notice = '';
    await import('./home-compose');
    this.writing = true;
    await this.updateComplete;
    const compose = this.renderRoot.querySelector('home-compose');
    await compose?.updateComplete;
    const form = compose?.shadowRoot?.querySelector('message-compose');
    await form?.updateComplete;
    form?.shadowRoot?.querySelector<HTMLElement>('select')?.focus();
  }

  private async finished(notice: string): Promise<void> {
    this.writing = false;
    this.notice = notice;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#home-messages-heading')?.focus();
  }

  private onDone(event: CustomEvent<ComposeDoneDetail>): void {
    void this.finished(
      'sent' in event.detail
        ? 'Your message was sent. You can follow the conversation on the Messages page.'
        : "Your message is saved on this device. It will be sent as soon as you're connected.",
    );
  }

  override render() {
    return html`<section class="card" aria-labelledby="home-messages-heading">
      <h2 id="home-messages-heading" tabindex="-1">Messages</h2>
      <new-messages></new-messages>
      <p role="status">${this.notice}</p>
      ${
        this.writing
          ? html`<home-compose
              @compose-done=${this.onDone}
              @compose-cancel=${(event: CustomEvent<ComposeCancelDetail>) =>
                this.finished(
                  event.detail?.draftKept ? 'Your message is kept in Drafts on the Messages page.' : '',
                )}
            ></home-compose>`
          : html`<p class="actions">
              <button class="button" type="button" @click=${this.write}>Send a message</button>
              <a class="button secondary" href="/messages">All messages</a>
            </p>`
      }
      ${this.writing ? nothing : html`<p class="hint">You can attach files (PDF, JPEG or PNG) to your message.</p>`}
    </section>`;
  }
}

customElements.define('home-messages', HomeMessages);

declare global {
  interface HTMLElementTagNameMap {
    'home-messages': HomeMessages;
  }
}
