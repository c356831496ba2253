// <idle-warning>: the modal "You will be signed out for your safety" notice shown a minute before
// the idle lock, with a "Stay signed in" button. A native <dialog>, so focus moves into it and stays.
import { css, html, LitElement } from 'lit';
import { tokens } from '../styles/tokens';

/** Fired (bubbling, composed) when the user chooses to stay, or dismisses the notice with Escape. */
export const STAY_SIGNED_IN_EVENT = 'stay-signed-in';

export class IdleWarning extends LitElement {
  static override properties = { open: { type: Boolean }, seconds: { type: Number } };

  static override styles = [
    tokens,
    css`
      dialog {
        width: min(26rem, calc(100vw - 2rem));
        padding: 1.25rem 1.25rem 1rem;
        border: 0;
        border-radius: var(--radius);
        background: var(--surface);
        color: var(--text);
        box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.25rem;
      }
      p {
        margin: 0 0 1rem;
      }
      button {
        min-height: var(--tap);
        width: 100%;
        padding: 0 1.25rem;
        border: 0;
        border-radius: 0.5rem;
        background: var(--accent);
        color: #fff;
        font: inherit;
        font-weight: 700;
        cursor: pointer;
      }
      button:hover {
        background: var(--accent-strong);
      }
      button:focus-visible {
        outline: 3px solid var(--accent);
        outline-offset: 3px;
      }
    `,
  ];

  declare open: boolean;
  declare seconds: number;

  constructor() {
    super();
    this.open = false;
    this.seconds = 60;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  override updated(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) {
      dialog.showModal();
      this.renderRoot.querySelector('button')?.focus();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
  }

  private stay(event?: Event): void {
    event?.preventDefault();
    this.dispatchEvent(new CustomEvent(STAY_SIGNED_IN_EVENT, { bubbles: true, composed: true }));
  }

  override render() {
    return html`<dialog aria-labelledby="idle-title" aria-describedby="idle-text" @cancel=${this.stay}>
      <h2 id="idle-title">Are you still there?</h2>
      <p id="idle-text">You will be signed out for your safety in ${this.seconds} seconds.</p>
      <button type="button" @click=${() => this.stay()}>Stay signed in</button>
    </dialog>`;
  }
}

customElements.define('idle-warning', IdleWarning);

declare global {
  interface HTMLElementTagNameMap {
    'idle-warning': IdleWarning;
  }
  interface HTMLElementEventMap {
    [STAY_SIGNED_IN_EVENT]: CustomEvent<undefined>;
  }
}
