// <billing-page>: statements and billing contacts. Statements arrive in a later release; the
// contacts come from the practice's configuration.
import { html, LitElement } from 'lit';
import type { PracticeInfo } from '../../../core/practice';
import { comingSoon } from '../../components/coming-soon';
import { emailLink, phoneLink } from '../../components/contact-links';
import { pageStyles } from '../../components/page-styles';

export class BillingPage extends LitElement {
  static override styles = pageStyles;
  static override properties = { practice: { attribute: false } };

  declare practice: PracticeInfo | null;

  constructor() {
    super();
    this.practice = null;
  }

  private renderContacts() {
    const practice = this.practice;
    if (!practice) {
      return html`<p>The billing office's phone number and e-mail address will show here once this device has
        been online.</p>`;
    }
    return html`<p>
      Call ${phoneLink(practice.billingPhone)} or write to ${emailLink(practice.billingEmail)}.
    </p>`;
  }

  override render() {
    return html`${comingSoon({
      title: 'Billing',
      intro: 'Your statements from the practice and what you owe, in one place.',
      features: [
        'Billing statements, to read and download',
        'Balances for you and for family members who gave you Billing only or Full access',
      ],
    })}
      <section class="card" aria-labelledby="billing-questions">
        <h2 id="billing-questions">Questions about a bill?</h2>
        ${this.renderContacts()}
      </section>`;
  }
}

customElements.define('billing-page', BillingPage);
