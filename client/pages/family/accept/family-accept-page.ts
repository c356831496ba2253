// <family-accept-page>: where the invitation e-mail's link leads. Shows who invites you and with
// which access level; signed out, you sign in (or sign up) first and come back here with the token
// kept in this tab; signed in, "Accept" starts your access and the account switcher lists them.
import { css, html, LitElement, nothing } from 'lit';
import { type AccessGranted, type InvitationPreview, invitationTokenRequest } from '../../../../core/family';
import type { PracticeInfo } from '../../../../core/practice';
import { FormController } from '../../../components/forms/form-controller';
import { failureText, offlineText } from '../../../components/forms/form-feedback';
import { formStyles } from '../../../components/forms/form-styles';
import { OnlineController } from '../../../components/forms/online-controller';
import { pageStyles } from '../../../components/page-styles';
import type { ApiOutcome } from '../../../data/api-request';
import { acceptInvitation, checkInvitation, refreshPeople } from '../../../data/family-api';
import { loadAppRecords } from '../../../data/records-keeper';
import { SessionController } from '../../../data/session-controller';
import { signInHref } from '../../../router/routes';
import { asTheir, dateTimeText, LEVEL_FOR_INVITEE, levelText } from '../access/family-words';
import { forgetInvitationToken, takeInvitationToken } from './invitation-token';
import './invitee-account-form';

type Step = 'checking' | 'invalid' | 'preview' | 'accepted';

const USED_OR_EXPIRED =
  'This invitation link was already used or has expired. Ask the person who invited you to send a new invitation.';

export class FamilyAcceptPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .invitation p {
        max-width: 36rem;
      }
      .level {
        font-size: 1.125rem;
      }
      .success h2 {
        margin: 0 0 0.375rem;
        font-size: 1.125rem;
      }
      #account-heading:focus {
        outline: none;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    step: { state: true },
    preview: { state: true },
    creating: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare step: Step;
  declare preview: InvitationPreview | null;
  /** Signed out and new to the portal: the account form is open. */
  declare creating: boolean;
  private token: string | null = null;
  private granted: AccessGranted | null = null;
  private invalidText = '';
  private retryable = false;
  private readonly sessionController = new SessionController(this);
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController(this, { action: 'Accepting the invitation' });

  constructor() {
    super();
    this.practice = null;
    this.step = 'checking';
    this.preview = null;
    this.creating = false;
  }

  private get session() {
    return this.sessionController.session;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.token ??= takeInvitationToken();
    void this.check();
  }

  private invalid(text: string, retryable = false): void {
    this.invalidText = text;
    this.retryable = retryable;
    this.step = 'invalid';
    if (!retryable) forgetInvitationToken();
  }

  private readonly check = async (): Promise<void> => {
    const parsed = invitationTokenRequest.safeParse({ token: this.token ?? '' });
    if (!parsed.success) {
      this.invalid(
        this.token
          ? 'This link is not complete. Open it again from the invitation e-mail.'
          : 'There is no invitation waiting in this browser tab. Open the link in the invitation e-mail.',
      );
      return;
    }
    this.step = 'checking';
    const outcome = await checkInvitation(parsed.data.token);
    if (outcome.kind === 'ok') {
      this.preview = outcome.data;
      this.step = 'preview';
      return;
    }
    this.refused(outcome, 'Opening the invitation');
  };

  /** A link that can't be used any more, or trouble worth trying again. */
  private refused(outcome: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>, action: string): void {
    if (outcome.kind === 'offline') this.invalid(offlineText(action), true);
    else if (outcome.status === 404 || outcome.status === 410) this.invalid(USED_OR_EXPIRED);
    else this.invalid(failureText(outcome, action), outcome.status >= 500 || outcome.status === 429);
  }

  private accept(): Promise<void> {
    const token = this.token;
    if (!token) return Promise.resolve();
    return this.form.submit(async () => {
      const outcome = await acceptInvitation(token);
      if (outcome.kind === 'ok') {
        this.granted = outcome.data ?? null;
        forgetInvitationToken();
        this.token = null;
        this.step = 'accepted';
        // The switcher lists the patient now, and their records start coming to this device.
        void refreshPeople();
        if (this.session.keeper) void loadAppRecords().then((records) => records.syncNow());
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
        return;
      }
      if (outcome.kind === 'problem' && (outcome.status === 404 || outcome.status === 410)) {
        this.invalid(USED_OR_EXPIRED);
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
        return;
      }
      return { alert: this.form.failure(outcome) };
    });
  }

  private renderInvitation(preview: InvitationPreview) {
    return html`<section class="card invitation" aria-labelledby="invitation-heading">
      <h2 id="invitation-heading">${preview.inviterName} invites you to see their record</h2>
      <p class="level">
        With <strong>${levelText(preview.access)}</strong>, ${asTheir(preview.relationship)}.
      </p>
      <p>${LEVEL_FOR_INVITEE[preview.access]}</p>
      <p class="hint">The invitation works once, until ${dateTimeText(preview.expiresAt, this.practice?.timeZone)}.</p>
    </section>`;
  }

  private async openAccountForm(): Promise<void> {
    this.creating = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#account-heading')?.focus();
  }

  private renderSignedOut() {
    return html`<p>To accept, sign in to your portal account.</p>
      <div class="actions">
        <a class="button" href=${signInHref('/family/accept')}>Sign in to accept</a>
      </div>
      <section class="card" aria-labelledby="account-heading">
        <h2 id="account-heading" tabindex="-1">New to the portal?</h2>
        ${
          this.creating
            ? html`<p>
                  Create your account with the e-mail address the invitation went to. Next you choose your security
                  option, and then you accept.
                </p>
                <family-invitee-account .token=${this.token ?? ''}></family-invitee-account>`
            : html`<p>Create your account in a minute: you'll need your mobile phone.</p>
                <div class="actions">
                  <button class="button secondary" type="button" @click=${this.openAccountForm}>Sign up today</button>
                </div>`
        }
        <p class="note">
          A patient of the practice yourself? <a href="/sign-up/patient">Sign up as a patient</a> to see your own
          record too, then open the invitation link again to accept. The invitation also stays open in this
          browser tab.
        </p>
      </section>`;
  }

  private renderSignedIn(preview: InvitationPreview) {
    const account = this.session.account;
    return html`${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Accepting the invitation')}</p>`}
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <p>
        You're signed in${account ? html` as <strong>${account.displayName}</strong> (${account.email})` : ''}. Accept
        to start seeing ${preview.inviterName}'s record from this account.
      </p>
      ${
        this.session.needsSecurityOption
          ? html`<p class="note">
              First choose your security option: it protects the records you'll see. Then open this page again
              from the invitation e-mail, or from Family access.
            </p>
            <p><a class="button" href="/security-setup?next=/family/accept">Choose your security option</a></p>`
          : html`<div class="actions">
              <button class="button" type="button" ?disabled=${this.form.busy} @click=${this.accept}>
                ${this.form.busy ? 'Accepting…' : 'Accept'}
              </button>
              <a class="inline-link" href="/">Not now</a>
            </div>`
      }`;
  }

  private renderAccepted(preview: InvitationPreview | null) {
    const granted = this.granted;
    const name = granted?.displayName || preview?.inviterName || 'the patient';
    const level = granted ? (granted.access === 'none' ? null : granted.access) : (preview?.access ?? null);
    const full = level === 'full';
    return html`<div class="success" role="status" tabindex="-1">
        <h2>You accepted the invitation</h2>
        <p>
          You can now see ${name}'s record${level ? html` with ${levelText(level)}` : ''}. Choose whose
          record you're viewing under “Viewing” at the top of the page.
        </p>
      </div>
      <p>
        ${full ? html`<a class="inline-link" href="/my-health">Go to My Health</a>` : html`<a class="inline-link" href="/billing">Go to Billing</a>`}
      </p>`;
  }

  private renderBody() {
    switch (this.step) {
      case 'checking':
        return html`<p role="status">Checking your invitation…</p>`;
      case 'invalid':
        return html`<div class="alert" role="alert"><p>${this.invalidText}</p></div>
          ${
            this.retryable
              ? html`<p><button class="button secondary" type="button" @click=${this.check}>Try again</button></p>`
              : nothing
          }
          <p><a href="/">Go to Home</a></p>`;
      case 'preview': {
        const preview = this.preview!;
        return html`${this.renderInvitation(preview)}
          ${this.session.signedIn ? this.renderSignedIn(preview) : this.renderSignedOut()}`;
      }
      case 'accepted':
        return this.renderAccepted(this.preview);
    }
  }

  override render() {
    return html`<h1 tabindex="-1">Family access invitation</h1>
      ${this.renderBody()}`;
  }
}

customElements.define('family-accept-page', FamilyAcceptPage);

declare global {
  interface HTMLElementTagNameMap {
    'family-accept-page': FamilyAcceptPage;
  }
}
