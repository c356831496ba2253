// <help-page>: support and billing contacts, the practice's offices, supported browsers, how to
// install the app, and answers to common questions. Every contact comes from PracticeInfo.
import { css, html, LitElement } from 'lit';
import type { PracticeInfo } from '../../../core/practice';
import { APP_VERSION } from '../../app-version';
import { emailLink, phoneLink } from '../../components/contact-links';
import { pageStyles } from '../../components/page-styles';
import { faqs } from './help-faq';

export class HelpPage extends LitElement {
  static override properties = { practice: { attribute: false } };

  static override styles = [
    ...pageStyles,
    css`
      dl {
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0 0 0.5rem;
        overflow-wrap: anywhere;
      }
      @media (min-width: 600px) {
        dl {
          display: grid;
          grid-template-columns: max-content 1fr;
          align-items: center;
          gap: 0 1.5rem;
        }
        dd {
          margin: 0;
        }
      }
      .offices {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 0.75rem;
        padding: 0;
        list-style: none;
      }
      .offices li {
        margin: 0;
      }
      .offices .card {
        height: 100%;
        margin: 0;
      }
      address {
        font-style: normal;
      }
      details {
        margin: 0 0 0.5rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
      }
      summary {
        display: flex;
        align-items: center;
        min-height: var(--tap);
        padding: 0.625rem 1rem;
        font-weight: 600;
        cursor: pointer;
      }
      details > :not(summary) {
        margin-inline: 1rem;
      }
      details[open] > :last-child {
        margin-bottom: 1rem;
      }
    `,
  ];

  declare practice: PracticeInfo | null;

  constructor() {
    super();
    this.practice = null;
  }

  private renderSupport(practice: PracticeInfo) {
    return html`<section class="card" aria-labelledby="support">
        <h2 id="support">Technical support</h2>
        <p>For help with signing in, the app or your account:</p>
        <dl>
          <dt>Phone</dt>
          <dd>${phoneLink(practice.supportPhone)}</dd>
          <dt>E-mail</dt>
          <dd>${emailLink(practice.supportEmail)}</dd>
          <dt>Hours</dt>
          <dd>${practice.supportHours}</dd>
        </dl>
        <h3>When you e-mail us</h3>
        <p>
          Tell us your full name, your date of birth and the e-mail address you use for the portal, what you were
          trying to do, and which device and browser you use. Please don't write about symptoms, results or other
          health details: e-mail is not encrypted. For questions about your care, call your provider's office.
        </p>
        <p>If your situation is urgent, call your provider's office. In an emergency, call your local emergency number.</p>
      </section>
      <section class="card" aria-labelledby="billing-help">
        <h2 id="billing-help">Billing questions</h2>
        <dl>
          <dt>Phone</dt>
          <dd>${phoneLink(practice.billingPhone)}</dd>
          <dt>E-mail</dt>
          <dd>${emailLink(practice.billingEmail)}</dd>
        </dl>
      </section>`;
  }

  private renderOffices(practice: PracticeInfo) {
    if (practice.offices.length === 0) return '';
    return html`<h2 id="offices">Our offices</h2>
      <ul class="offices" aria-labelledby="offices">
        ${practice.offices.map(
          (office) =>
            html`<li>
              <div class="card">
                <h3>${office.name}</h3>
                <address>${office.address}</address>
                ${phoneLink(office.phone)}
              </div>
            </li>`,
        )}
      </ul>`;
  }

  private renderContacts() {
    const practice = this.practice;
    if (!practice) {
      return html`<p class="note">
        The practice's phone numbers, e-mail addresses and offices will show here once this device has been online.
      </p>`;
    }
    return html`${this.renderSupport(practice)}${this.renderOffices(practice)}`;
  }

  override render() {
    const feedback = this.practice?.feedbackEmail;
    return html`<h1 tabindex="-1">Help</h1>
      <p class="lead">Who to contact, where to find us, and answers to common questions.</p>
      ${this.renderContacts()}

      <h2 id="browsers">Supported browsers</h2>
      <p>
        Use the current version of Google Chrome, Microsoft Edge, Mozilla Firefox, or Safari on iPhone, iPad and
        Mac.
      </p>

      <h2 id="install">Put the portal on your home screen</h2>
      <p>Installed, the portal opens like any other app and keeps working when you are offline.</p>
      <ul>
        <li><strong>iPhone and iPad:</strong> open the portal in Safari, tap Share, then Add to Home Screen.</li>
        <li>
          <strong>Android:</strong> open the portal in Chrome, open the browser menu (⋮) and choose Install app or
          Add to Home screen.
        </li>
        <li>
          <strong>Computer:</strong> in Chrome or Edge, select Install in the address bar or in the browser menu.
        </li>
      </ul>

      <h2 id="faq">Frequently asked questions</h2>
      ${faqs.map(
        (faq) =>
          html`<details>
            <summary>${faq.question}</summary>
            ${faq.answer}
          </details>`,
      )}
      ${
        feedback
          ? html`<h2 id="feedback">Tell us what you think</h2>
            <p>We'd like to hear how the portal works for you. Send ideas and comments to ${emailLink(feedback)}.</p>`
          : ''
      }
      <h2 id="about">About this app</h2>
      <p>Version ${APP_VERSION}. If support asks which version you use, read them this line.</p>`;
  }
}

customElements.define('help-page', HelpPage);
