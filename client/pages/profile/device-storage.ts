// <device-storage>: "This device" in the profile. How much the saved records take, whether the
// browser keeps them for good or may clear them when space runs short, and "Forget this device",
// which deletes every record saved here and signs out.
import { css, html, LitElement, nothing } from 'lit';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { forgetDevicePush } from '../../data/device-push';
import { requestPersistentStorage, type StorageFacts, storageFacts } from '../../data/records/storage-facts';
import { loadAppRecords } from '../../data/records-keeper';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';

/** "1.7 MB", "240 MB", "10.7 GB": the unit people see in their phone's settings. */
function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

export class DeviceStorage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .facts {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.25rem 1.5rem;
        margin: 0 0 1rem;
      }
      @media (min-width: 600px) {
        .facts {
          grid-template-columns: max-content minmax(0, 1fr);
        }
      }
      .facts dt {
        font-weight: 600;
      }
      .facts dd {
        margin: 0 0 0.5rem;
      }
      .button.danger {
        background: var(--error);
        border-color: var(--error);
        color: #fff;
      }
    `,
  ];
  static override properties = {
    facts: { state: true },
    confirming: { state: true },
    alert: { state: true },
  };

  declare facts: StorageFacts | null;
  declare confirming: boolean;
  declare alert: string | null;

  constructor() {
    super();
    this.facts = null;
    this.confirming = false;
    this.alert = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.facts = await storageFacts();
  }

  private async keep(): Promise<void> {
    await requestPersistentStorage();
    await this.load();
  }

  private async forget(): Promise<void> {
    try {
      // The record cache's code loads only now: showing the storage facts needs none of it.
      await (await loadAppRecords()).vault.wipeAll();
      // As the confirmation says: changes still waiting to be sent are lost, not sent later.
      await (await import('../../data/outbox')).discardAllChanges();
      // Whoever uses this browser next gets no notices of this account's messages.
      await forgetDevicePush();
    } catch {
      this.alert =
        'This device could not delete the saved records. Close other tabs of the portal and try again.';
      return;
    }
    await session.signOut();
    navigateFrom(this, '/sign-in');
  }

  private renderFacts(facts: StorageFacts) {
    const { usage, quota, persisted } = facts;
    return html`<dl class="facts">
      <dt>Space used by the portal</dt>
      <dd>${usage === null ? 'Not known in this browser' : size(usage)}</dd>
      <dt>Space available</dt>
      <dd>${quota === null || usage === null ? 'Not known in this browser' : size(Math.max(0, quota - usage))}</dd>
      <dt>Kept when space runs short</dt>
      <dd>
        ${
          persisted === null
            ? 'This browser does not say'
            : persisted
              ? 'Yes: the browser keeps your saved records until you remove them'
              : html`No: the browser may clear them when the device is short of space.
                <button class="link-button" type="button" @click=${this.keep}>Ask to keep them</button>`
        }
      </dd>
    </dl>`;
  }

  override render() {
    return html`<p>
        Your records are saved on this device, encrypted with your password, so you can read them
        without a connection.
      </p>
      ${this.facts ? this.renderFacts(this.facts) : html`<p role="status">Checking this device…</p>`}
      ${this.alert ? html`<div class="alert" role="alert"><p>${this.alert}</p></div>` : nothing}
      ${
        this.confirming
          ? html`<div class="card" role="group" aria-labelledby="forget-heading">
              <h3 id="forget-heading">Forget this device?</h3>
              <p>
                Every record saved on this device is deleted and you are signed out. Changes still
                waiting to be sent are lost. Your account and your records at the practice stay as
                they are.
              </p>
              <div class="actions">
                <button class="button danger" type="button" @click=${this.forget}>Forget this device</button>
                <button class="link-button" type="button" @click=${() => {
                  this.confirming = false;
                }}>Cancel</button>
              </div>
            </div>`
          : html`<p>
              <button class="button secondary" type="button" @click=${() => {
                this.confirming = true;
              }}>Forget this device</button>
            </p>`
      }`;
  }
}

customElements.define('device-storage', DeviceStorage);

declare global {
  interface HTMLElementTagNameMap {
    'device-storage': DeviceStorage;
  }
}
