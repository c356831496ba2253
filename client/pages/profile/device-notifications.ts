// <device-notifications>: "Notifications on this device" in the profile, beside the e-mail
// settings. A switch that subscribes this browser to the account's new-message notifications, or
// ends that, and plain words for when it cannot: not on this browser, blocked in its settings
// (and how to undo that), or offline.
import { css, html, LitElement, nothing } from 'lit';
import { failureText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { pageStyles } from '../../components/page-styles';
import {
  browserPushDevice,
  type DevicePushChange,
  type DevicePushState,
  devicePushState,
  type PushDevice,
  turnOffDevicePush,
  turnOnDevicePush,
} from '../../data/device-push';

export class DeviceNotifications extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .check {
        margin: 0.5rem 0;
      }
    `,
  ];

  static override properties = {
    device: { attribute: false },
    state: { state: true },
    busy: { state: true },
    notice: { state: true },
    alert: { state: true },
  };

  /** The browser's push parts; tests give a fake one. */
  declare device: PushDevice;
  /** null while looking. */
  declare state: DevicePushState | null;
  declare busy: boolean;
  declare notice: string | null;
  declare alert: string | null;
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.device = browserPushDevice;
    this.state = null;
    this.busy = false;
    this.notice = null;
    this.alert = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.look();
  }

  private async look(): Promise<void> {
    this.state = await devicePushState(this.device);
  }

  private async toggle(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const wanted = box.checked;
    // The box shows what is in place until the change is done (a press meanwhile changes nothing).
    box.checked = !wanted;
    if (this.busy || !this.connection.online) return;
    this.busy = true;
    this.notice = null;
    this.alert = null;
    try {
      this.show(wanted ? await turnOnDevicePush(this.device) : await turnOffDevicePush(this.device), wanted);
    } catch {
      this.alert = 'This browser could not change its notifications. Please try again.';
    } finally {
      this.busy = false;
    }
  }

  private show(change: DevicePushChange, wanted: boolean): void {
    this.state = change.state;
    switch (change.kind) {
      case 'done':
        if (change.state === 'on') this.notice = 'Notifications are on for this device.';
        else if (change.state === 'off') this.notice = 'Notifications are off for this device.';
        return;
      case 'dismissed':
        this.notice =
          'Notifications stay off: the browser did not get an answer. Turn the switch on again to be asked.';
        return;
      case 'browser-failed':
        this.alert = 'This browser could not turn on notifications. Please try again later.';
        return;
      case 'server-failed':
        this.alert = failureText(
          change.outcome,
          wanted ? 'Turning on notifications' : 'Turning off notifications',
        );
        return;
    }
  }

  private renderSwitch(state: 'on' | 'off') {
    const online = this.connection.online;
    return html`<label class="check"
        ><input
          type="checkbox"
          role="switch"
          aria-describedby="device-notifications-about"
          .checked=${state === 'on'}
          ?disabled=${!online}
          @change=${this.toggle}
        />Show a notification on this device when I have a new message</label
      >
      ${online ? nothing : html`<p class="note" role="status">Connect to the internet to change this.</p>`}`;
  }

  private renderState(state: DevicePushState | null) {
    switch (state) {
      case null:
        return html`<p role="status">Checking this device…</p>`;
      case 'unsupported':
        return html`<p>
          This browser cannot show notifications from the portal. On an iPhone or iPad, add the portal
          to your Home Screen (Share, then Add to Home Screen), open it from there and turn this on.
        </p>`;
      case 'blocked':
        return html`<p>
            Notifications from the portal are blocked in this browser's settings. To allow them, open the
            site's settings (the icon beside the web address, or your phone's Settings for the installed
            app), set Notifications to Allow, then come back to this page.
          </p>
          <p><button class="button secondary" type="button" @click=${this.look}>Check again</button></p>`;
      case 'on':
      case 'off':
        return this.renderSwitch(state);
    }
  }

  override render() {
    return html`<p id="device-notifications-about">
        A notification says only “You have a new message” and the practice's name: never who it is
        about or what it says. Sign in to read the message.
      </p>
      ${this.renderState(this.state)}
      ${this.notice ? html`<div class="success" role="status"><p>${this.notice}</p></div>` : nothing}
      ${this.alert ? html`<div class="alert" role="alert"><p>${this.alert}</p></div>` : nothing}`;
  }
}

customElements.define('device-notifications', DeviceNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'device-notifications': DeviceNotifications;
  }
}
