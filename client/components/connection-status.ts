// <connection-status>: the always-visible "Online" / "Offline" indicator in the header, announced
// politely by screen readers when it changes.

import { css, html, LitElement } from 'lit';
import { tokens } from '../styles/tokens';

export const ONLINE_TEXT = 'Online';
export const OFFLINE_TEXT = 'Offline — showing saved pages';

export class ConnectionStatus extends LitElement {
  static override properties = { online: { type: Boolean, reflect: true } };

  static override styles = [
    tokens,
    css`
    :host {
      display: inline-block;
    }
    p {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
      padding: 0.25rem 0.75rem;
      border-radius: 999px;
      font-size: 0.875rem;
      font-weight: 600;
      line-height: 1.4;
      background: var(--surface, #fff);
      color: var(--text, #1d2b2f);
    }
    .dot {
      flex: none;
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      background: #1f7a45;
    }
    :host(:not([online])) p {
      background: var(--warn-bg, #fff4d6);
      color: var(--warn-text, #6b4100);
    }
    /* Offline is a hollow ring, so the state does not depend on colour alone. */
    :host(:not([online])) .dot {
      background: transparent;
      border: 2px solid currentColor;
    }
  `,
  ];

  declare online: boolean;

  constructor() {
    super();
    this.online = navigator.onLine;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.online = navigator.onLine;
    window.addEventListener('online', this.onConnectionChange);
    window.addEventListener('offline', this.onConnectionChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onConnectionChange);
    window.removeEventListener('offline', this.onConnectionChange);
    super.disconnectedCallback();
  }

  // The event type is the truth here: navigator.onLine can lag behind the event in some browsers.
  private readonly onConnectionChange = (event: Event): void => {
    this.online = event.type === 'online';
  };

  override render() {
    return html`<p role="status" aria-live="polite">
      <span class="dot" aria-hidden="true"></span>${this.online ? ONLINE_TEXT : OFFLINE_TEXT}
    </p>`;
  }
}

customElements.define('connection-status', ConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'connection-status': ConnectionStatus;
  }
}
