// <home-compose>: "Send a message" on Home, with "Attach files", as the practice's guide describes:
// for the person chosen in the account switcher, from the device's copy (so it works offline).
// Loaded when the patient asks for it, so Home stays light.
import { html, LitElement, nothing } from 'lit';
import '../../components/open-records-form';
import { pageStyles } from '../../components/page-styles';
import { type ComposeContext, composeContext } from '../../data/messages/compose-context';
import { vault } from '../../data/records/app-records';
import { RecordsController } from '../../data/records/records-controller';
import { session } from '../../data/session';
import '../messages/message-compose';

export class HomeCompose extends LitElement {
  static override styles = pageStyles;
  private readonly records = new RecordsController<ComposeContext>(this, {
    source: vault,
    load: composeContext,
  });

  override render() {
    const { status, value, error } = this.records;
    if (status === 'locked') return html`<open-records-form></open-records-form>`;
    if (status === 'error') return html`<div class="alert" role="alert"><p>${error?.message}</p></div>`;
    if (!value) return html`<p class="loading">Loading…</p>`;
    if (!value.person)
      return html`<p class="note">
        Your account is not linked to a patient record and nobody has given you family access yet, so there is
        nobody to write for. The practice's contacts are on the Help page.
      </p>`;
    return html`${value.person.access !== 'self' ? html`<p>Writing for ${value.person.displayName}.</p>` : nothing}
      <message-compose
        .person=${value.person}
        .recipients=${value.recipients}
        .senderName=${session.account?.displayName ?? ''}
      ></message-compose>`;
  }
}

customElements.define('home-compose', HomeCompose);

declare global {
  interface HTMLElementTagNameMap {
    'home-compose': HomeCompose;
  }
}
