// <device-list>: where this account is signed in, with "Sign out" for each other device and
// "Sign out of all devices".
import { css, html, LitElement, nothing } from 'lit';
import type { DeviceSession } from '../../../core/accounts';
import { failureText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { endSession, listSessions } from '../../data/accounts-api';
import { session } from '../../data/session';

const when = (iso: string): string =>
  new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export class DeviceList extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      ul {
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        max-width: 42rem;
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--border);
      }
      .meta {
        display: block;
        color: var(--muted);
        font-size: 0.9375rem;
      }
    `,
  ];

  static override properties = { devices: { state: true }, alert: { state: true } };
  declare devices: DeviceSession[] | null;
  declare alert: string | null;

  constructor() {
    super();
    this.devices = null;
    this.alert = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const outcome = await listSessions();
    if (outcome.kind === 'ok') this.devices = outcome.data;
    else this.alert = failureText(outcome, 'Listing your devices');
  }

  private async end(device: DeviceSession): Promise<void> {
    const outcome = await endSession(device.id);
    if (outcome.kind === 'ok') this.devices = (this.devices ?? []).filter((d) => d.id !== device.id);
    else this.alert = failureText(outcome, 'Signing out a device');
  }

  private async endAll(): Promise<void> {
    const outcome = await session.signOutEverywhere();
    if (outcome.kind !== 'ok') this.alert = failureText(outcome, 'Signing out of all devices');
  }

  override render() {
    return html`${this.alert ? html`<div class="alert" role="alert"><p>${this.alert}</p></div>` : nothing}
      ${
        this.devices === null
          ? html`<p role="status">Loading your devices…</p>`
          : html`<ul>
            ${this.devices.map(
              (d) => html`<li>
                <span
                  ><strong>${d.device}</strong>${d.current ? ' (this device)' : ''}
                  <span class="meta">Signed in ${when(d.signedInAt)} · last used ${when(d.lastActiveAt)}</span></span
                >
                ${
                  d.current
                    ? nothing
                    : html`<button class="button secondary" type="button" aria-label=${`Sign out ${d.device}`} @click=${() => this.end(d)}>
                      Sign out
                    </button>`
                }
              </li>`,
            )}
          </ul>`
      }
      <button class="button secondary" type="button" @click=${this.endAll}>Sign out of all devices</button>`;
  }
}

customElements.define('device-list', DeviceList);
