// <update-banner>: the non-modal "A new version is available" notice with a Reload button. It
// only shows and asks; client/sw-update.ts decides when to open it and what Reload does.

import { css, html, LitElement, nothing } from 'lit';
import { tokens } from '../styles/tokens';

export const UPDATE_TEXT = 'A new version is available';
/** Fired (bubbling, composed) when the user presses Reload. */
export const RELOAD_EVENT = 'update-reload';

export class UpdateBanner extends LitElement {
  static override properties = { open: { type: Boolean, reflect: true } };

  static override styles = [
    tokens,
    css`
    :host {
      position: fixed;
      z-index: 10;
      inset-inline: 0.75rem;
      bottom: calc(0.75rem + env(safe-area-inset-bottom, 0px));
      display: flex;
      justify-content: center;
      pointer-events: none;
    }
    .banner {
      pointer-events: auto;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem 1rem;
      width: 100%;
      max-width: 32rem;
      padding: 0.75rem 0.75rem 0.75rem 1rem;
      border-radius: var(--radius, 0.75rem);
      background: var(--text, #1d2b2f);
      color: #fff;
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.25);
    }
    p {
      margin: 0;
      font-weight: 600;
    }
    button {
      min-height: var(--tap, 2.75rem);
      min-width: var(--tap, 2.75rem);
      padding: 0 1.25rem;
      border: 2px solid #fff;
      border-radius: 0.5rem;
      background: #fff;
      color: var(--text, #1d2b2f);
      font: inherit;
      font-weight: 700;
      cursor: pointer;
    }
    button:hover {
      background: var(--accent-soft, #e6f2f2);
    }
    button:focus-visible {
      outline: 3px solid #fff;
      outline-offset: 3px;
    }
  `,
  ];

  declare open: boolean;

  constructor() {
    super();
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The live region exists while closed, so its content is announced when it opens.
    if (!this.hasAttribute('role')) this.setAttribute('role', 'status');
  }

  private onReload(): void {
    this.dispatchEvent(new CustomEvent(RELOAD_EVENT, { bubbles: true, composed: true }));
  }

  override render() {
    if (!this.open) return nothing;
    return html`<div class="banner">
      <p>${UPDATE_TEXT}</p>
      <button type="button" @click=${this.onReload}>Reload</button>
    </div>`;
  }
}

customElements.define('update-banner', UpdateBanner);

declare global {
  interface HTMLElementTagNameMap {
    'update-banner': UpdateBanner;
  }
  interface HTMLElementEventMap {
    [RELOAD_EVENT]: CustomEvent<undefined>;
  }
}
