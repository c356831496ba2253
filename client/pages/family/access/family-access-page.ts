// <family-access-page>: Family access settings. For a patient: requests waiting for their answer,
// the family members with access (change the level, remove, confirm), invitations not yet accepted
// and "Invite Family Member". For everyone: the records this account can see, "Request access to a
// family member's account", and a request begun on Sign up today to finish with the passcode.
// The server decides everything; offline, the page shows the settings last kept on the device and
// the patient's changes wait in the outbox ("Waiting to send") until the device is back online.
import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type {
  FamilyGrant,
  FamilySettings,
  PasscodeAccepted,
  PendingInvitation,
  PendingRequest,
} from '../../../../core/family';
import { INVITATION_DAYS } from '../../../../core/family';
import { OUTBOX_CHANGED_EVENT } from '../../../../core/outbox';
import type { PracticeInfo } from '../../../../core/practice';
import { personLabel } from '../../../components/account-switcher';
import { failureText } from '../../../components/forms/form-feedback';
import { formStyles } from '../../../components/forms/form-styles';
import { OnlineController } from '../../../components/forms/online-controller';
import { pageStyles } from '../../../components/page-styles';
import {
  declineRequest,
  knownPeople,
  PEOPLE_CHANGED_EVENT,
  peopleEvents,
  refreshPeople,
  sendPasscodeFromAccount,
} from '../../../data/family-api';
import {
  cancelInvitationOrQueue,
  discardFamilyChange,
  FAMILY_CHANGE_QUEUED_EVENT,
  type FamilyChange,
  loadFamilySettings,
  type WaitingFamilyChange,
  waitingFamilyChanges,
} from '../../../data/family-changes';
import { loadAppRecords } from '../../../data/records-keeper';
import { SessionController } from '../../../data/session-controller';
import { invitationWaiting } from '../accept/invitation-token';
import type { PasscodeAcceptedDetail } from '../request/passcode-form';
import '../request/passcode-form';
import '../request/request-access';
import {
  currentRequest,
  forgetRequest,
  type PendingRequest as SignUpRequest,
} from '../sign-up/pending-request';
import { accessChoiceStyles } from './access-choice';
import { asTheir, asYour, dateText, dateTimeText, LEVEL_LABELS, relationshipLabel } from './family-words';
import './grant-item';
import './invite-form';

type Section = 'requests' | 'grants' | 'invitations' | 'invite' | 'pending';

const OFFLINE_TEXT =
  "You're offline, and no copy of your Family access settings is saved on this device yet: they open as soon as you're back online.";
const OFFLINE_CHANGES_TEXT = 'Changes you make now are saved on this device and sent when it is back online.';

export class FamilyAccessPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    accessChoiceStyles,
    css`
      section {
        margin: 0 0 2rem;
      }
      section > h2 {
        margin-top: 0;
      }
      ul.items {
        max-width: 46rem;
        margin: 0 0 1rem;
        padding: 0;
        list-style: none;
      }
      ul.items > li {
        max-width: none;
        margin: 0 0 0.75rem;
        padding: 1rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
      }
      ul.items > li > :last-child {
        margin-bottom: 0;
      }
      .item-title {
        margin: 0 0 0.25rem;
        overflow-wrap: anywhere;
      }
      .meta {
        margin: 0 0 0.5rem;
        color: var(--muted);
        overflow-wrap: anywhere;
      }
      .item-actions {
        margin: 0.5rem 0 0;
      }
      .success:focus,
      .alert:focus {
        outline: 3px solid var(--accent);
        outline-offset: 2px;
      }
      .invite-card,
      .request-card {
        max-width: 46rem;
      }
      .invite-card h3,
      .request-card h3 {
        margin: 0 0 0.75rem;
      }
      .invite-card h3:focus,
      .request-card h3:focus {
        outline: none;
      }
      .note > :last-child {
        margin-bottom: 0;
      }
      ul.items > li.waiting-item {
        border-style: dashed;
      }
      .waiting {
        margin: 0.5rem 0 0;
        font-weight: 600;
      }
      .waiting.failed {
        color: var(--error);
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    settings: { state: true },
    loadError: { state: true },
    inviting: { state: true },
    requesting: { state: true },
    notices: { state: true },
    alerts: { state: true },
    busyIds: { state: true },
    pending: { state: true },
    fetchedAt: { state: true },
    fromDevice: { state: true },
    waiting: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare settings: FamilySettings | null;
  declare loadError: string | null;
  declare inviting: boolean;
  declare requesting: boolean;
  declare notices: Partial<Record<Section, string>>;
  declare alerts: Partial<Record<Section, string>>;
  declare busyIds: ReadonlySet<string>;
  /**
   * A request begun on "Sign up today" with an address that already had an account: signed in
   * now, the requester enters the patient's passcode here and the access begins for this account.
   */
  declare pending: SignUpRequest | null;
  /** When the server gave the settings shown (ISO): said while offline. */
  declare fetchedAt: string | null;
  /** The settings shown are the device's copy (the server could not be reached). */
  declare fromDevice: boolean;
  /** Changes made offline, waiting in the outbox or refused by the server on replay. */
  declare waiting: WaitingFamilyChange[];
  private readonly connection = new OnlineController(this);
  private readonly sessionController = new SessionController(this);

  constructor() {
    super();
    this.practice = null;
    this.settings = null;
    this.loadError = null;
    this.inviting = false;
    this.requesting = false;
    this.notices = {};
    this.alerts = {};
    this.busyIds = new Set();
    this.pending = currentRequest();
    this.fetchedAt = null;
    this.fromDevice = false;
    this.waiting = [];
  }

  private get timeZone(): string | undefined {
    return this.practice?.timeZone;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    window.addEventListener(OUTBOX_CHANGED_EVENT, this.onReplayed);
    this.addEventListener(FAMILY_CHANGE_QUEUED_EVENT, this.onQueued as EventListener);
    peopleEvents.addEventListener(PEOPLE_CHANGED_EVENT, this.onPeople);
    // Offline too: the device's copy of the settings is shown then.
    void this.load();
    if (navigator.onLine) void refreshPeople();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener(OUTBOX_CHANGED_EVENT, this.onReplayed);
    this.removeEventListener(FAMILY_CHANGE_QUEUED_EVENT, this.onQueued as EventListener);
    peopleEvents.removeEventListener(PEOPLE_CHANGED_EVENT, this.onPeople);
  }

  private readonly onOnline = (): void => {
    void this.load();
    void refreshPeople();
  };

  /** Something left the outbox: show the settings as the server now has them. */
  private readonly onReplayed = (): void => {
    void this.load();
  };

  private readonly onPeople = (): void => this.requestUpdate();

  private readonly load = async (): Promise<void> => {
    await this.loadWaiting();
    const outcome = await loadFamilySettings();
    this.loadError = null;
    if (outcome.kind === 'online') {
      this.settings = outcome.settings;
      this.fetchedAt = new Date().toISOString();
      this.fromDevice = false;
    } else if (outcome.kind === 'saved') {
      this.settings = outcome.settings;
      this.fetchedAt = outcome.fetchedAt;
      this.fromDevice = true;
    } else if (outcome.kind !== 'offline') {
      this.loadError = failureText(outcome, 'Opening Family access settings');
    }
  };

  private async loadWaiting(): Promise<void> {
    this.waiting = await waitingFamilyChanges().catch(() => []);
  }

  private readonly onQueued = (event: CustomEvent<FamilyChange>): void => {
    const change = event.detail;
    void this.loadWaiting();
    if (change.what === 'invite') {
      this.inviting = false;
      const { firstName, lastName } = change.invitation;
      void this.say(
        'invite',
        `Your invitation to ${firstName} ${lastName} is saved on this device. Nothing has been sent yet: the e-mail goes out when this device is back online.`,
      );
    } else if (change.what === 'remove') {
      void this.say(
        'grants',
        `Removing ${change.displayName}'s access is saved on this device. It happens when this device is back online: until then ${change.displayName} can still see your record.`,
      );
    }
  };

  private async discard(change: WaitingFamilyChange): Promise<void> {
    await discardFamilyChange(change.id);
    await this.loadWaiting();
  }

  private change(update: (settings: FamilySettings) => FamilySettings): void {
    if (this.settings) this.settings = update(this.settings);
  }

  private async say(section: Section, text: string, kind: 'notice' | 'alert' = 'notice'): Promise<void> {
    this.notices = { ...this.notices, [section]: kind === 'notice' ? text : undefined };
    this.alerts = { ...this.alerts, [section]: kind === 'alert' ? text : undefined };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${section}-${kind}`)?.focus();
  }

  private busy(id: string, on: boolean): void {
    const next = new Set(this.busyIds);
    if (on) next.add(id);
    else next.delete(id);
    this.busyIds = next;
  }

  // ---- A request begun before signing in ----------------------------------------------------------

  private readonly sendPendingPasscode = (passcode: string) =>
    sendPasscodeFromAccount(this.pending?.requestId ?? '', passcode);

  private async onPendingAccepted(event: CustomEvent<PasscodeAcceptedDetail>): Promise<void> {
    const answer = event.detail.answer as PasscodeAccepted | null;
    const name = this.pending?.patientName ?? 'the patient';
    forgetRequest();
    this.pending = null;
    if (answer?.granted === false) {
      return this.say(
        'pending',
        'The passcode is right, but access could not start from this account.',
        'alert',
      );
    }
    void refreshPeople();
    if (this.sessionController.session.keeper) void loadAppRecords().then((records) => records.syncNow());
    return this.say(
      'pending',
      `Your access to ${name}'s account has begun. Choose whose record you're viewing under “Viewing” at the top of the page.`,
    );
  }

  private async forgetPending(): Promise<void> {
    forgetRequest();
    this.pending = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private renderPending() {
    if (!this.pending && !this.notices.pending && !this.alerts.pending) return nothing;
    return html`<section aria-labelledby="pending-heading">
      <h2 id="pending-heading">Finish your request for access</h2>
      ${this.messages('pending')}
      ${
        this.pending
          ? html`<div class="card request-card">
            <family-passcode-form
              nested
              .patientName=${this.pending.patientName}
              .expiresAt=${this.pending.expiresAt}
              .timeZone=${this.timeZone}
              .send=${this.sendPendingPasscode}
              .restartLabel=${'Forget this request'}
              @passcode-accepted=${this.onPendingAccepted}
              @start-again=${this.forgetPending}
            ></family-passcode-form>
          </div>`
          : nothing
      }
    </section>`;
  }

  // ---- Requests -----------------------------------------------------------------------------------

  private async decline(request: PendingRequest): Promise<void> {
    this.busy(request.id, true);
    const outcome = await declineRequest(request.id);
    this.busy(request.id, false);
    if (outcome.kind !== 'ok')
      return this.say('requests', failureText(outcome, 'Declining the request'), 'alert');
    this.change((s) => ({ ...s, requests: s.requests.filter((r) => r.id !== request.id) }));
    return this.say(
      'requests',
      `You declined ${request.requesterName}'s request. The passcode we sent you no longer works.`,
    );
  }

  // ---- Grants -------------------------------------------------------------------------------------

  private onGrantUpdated(event: CustomEvent<FamilyGrant>): void {
    const grant = event.detail;
    this.change((s) => ({ ...s, grants: s.grants.map((g) => (g.id === grant.id ? grant : g)) }));
  }

  private onGrantRemoved(event: CustomEvent<FamilyGrant>): void {
    const grant = event.detail;
    this.change((s) => ({ ...s, grants: s.grants.filter((g) => g.id !== grant.id) }));
    void this.say(
      'grants',
      `${grant.displayName}'s access was removed. Their devices delete your records the next time they sync.`,
    );
  }

  // ---- Invitations --------------------------------------------------------------------------------

  private async openInvite(): Promise<void> {
    this.inviting = true;
    this.notices = { ...this.notices, invite: undefined };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#invite-heading')?.focus();
  }

  private async closeInvite(): Promise<void> {
    this.inviting = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#invite-button')?.focus();
  }

  private onInvitationSent(event: CustomEvent<PendingInvitation>): void {
    const invitation = event.detail;
    this.inviting = false;
    this.change((s) => ({
      ...s,
      invitations: [...s.invitations.filter((i) => i.id !== invitation.id), invitation],
    }));
    void this.say(
      'invite',
      `We sent an e-mail to ${invitation.email} with a link to accept your invitation. The link works once, for ${INVITATION_DAYS} days; their access begins when they accept.`,
    );
  }

  private async cancelInvite(invitation: PendingInvitation): Promise<void> {
    this.busy(invitation.id, true);
    const outcome = await cancelInvitationOrQueue(invitation);
    this.busy(invitation.id, false);
    if (outcome.kind === 'queued') {
      await this.loadWaiting();
      return this.say(
        'invitations',
        `Cancelling the invitation to ${invitation.displayName} is saved on this device. It happens when this device is back online: until then the link in their e-mail still works.`,
      );
    }
    if (outcome.kind === 'not-kept') return this.say('invitations', outcome.reason, 'alert');
    if (outcome.kind !== 'sent')
      return this.say('invitations', failureText(outcome, 'Cancelling the invitation'), 'alert');
    this.change((s) => ({ ...s, invitations: s.invitations.filter((i) => i.id !== invitation.id) }));
    return this.say(
      'invitations',
      `You cancelled the invitation to ${invitation.displayName}. The link in their e-mail no longer works.`,
    );
  }

  // ---- Rendering ----------------------------------------------------------------------------------

  private waitingOf(what: FamilyChange['what'], id: string): WaitingFamilyChange[] {
    return this.waiting.filter((w) => {
      const c = w.content;
      if (c.what !== what) return false;
      if (c.what === 'level' || c.what === 'remove') return c.grantId === id;
      if (c.what === 'cancel-invitation') return c.invitationId === id;
      return true;
    });
  }

  /** "Waiting to send" for a change still in the outbox; "Not sent: <reason>" and Discard for a refused one. */
  private renderWaiting(change: WaitingFamilyChange, waitingText: string, about: string) {
    if (change.status !== 'failed') return html`<p class="waiting">${waitingText}</p>`;
    const reason = change.failure?.detail ?? change.failure?.title ?? 'the portal refused it.';
    return html`<p class="waiting failed">Not sent: ${reason}</p>
      <div class="actions item-actions">
        <button class="button secondary" type="button" @click=${() => this.discard(change)}>
          Discard<span class="visually-hidden"> ${about}</span>
        </button>
      </div>`;
  }

  private renderGrantChanges(grant: FamilyGrant) {
    const name = grant.displayName;
    return html`${this.waitingOf('level', grant.id).map((w) =>
      w.content.what === 'level'
        ? this.renderWaiting(
            w,
            `Change to ${LEVEL_LABELS[w.content.access]} waiting to send: it takes effect when this device is back online.`,
            `the change of ${name}'s access level`,
          )
        : nothing,
    )}
    ${this.waitingOf('remove', grant.id).map((w) =>
      this.renderWaiting(
        w,
        `Removal waiting to send: ${name} can still see your record until this device is back online.`,
        `the removal of ${name}'s access`,
      ),
    )}`;
  }

  private renderWaitingInvitation(change: WaitingFamilyChange) {
    if (change.content.what !== 'invite') return nothing;
    const i = change.content.invitation;
    const name = `${i.firstName} ${i.lastName}`;
    return html`<li class="waiting-item">
      <p class="item-title"><strong>${name}</strong> (${i.email})</p>
      <p class="meta">${relationshipLabel(i.relationship)} · ${LEVEL_LABELS[i.access]}</p>
      ${this.renderWaiting(
        change,
        'Waiting to send: the invitation e-mail goes out when this device is back online.',
        `the invitation to ${name}`,
      )}
    </li>`;
  }

  private messages(section: Section) {
    const notice = this.notices[section];
    const alert = this.alerts[section];
    return html`${notice ? html`<div class="success" id=${`${section}-notice`} role="status" tabindex="-1"><p>${notice}</p></div>` : nothing}
    ${alert ? html`<div class="alert" id=${`${section}-alert`} role="alert" tabindex="-1"><p>${alert}</p></div>` : nothing}`;
  }

  private renderRequests(requests: readonly PendingRequest[]) {
    if (requests.length === 0 && !this.notices.requests && !this.alerts.requests) return nothing;
    return html`<section aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests for access</h2>
      ${this.messages('requests')}
      ${
        requests.length > 0
          ? html`<p>
              We e-mailed you a temporary passcode for each request. If you agree, give the passcode to the person
              who asked: that is your consent. If you don't, decline the request.
            </p>
            <ul class="items">
              ${repeat(
                requests,
                (r) => r.id,
                (r) => html`<li>
                  <p class="item-title"><strong>${r.requesterName}</strong> asked for access ${asYour(r.relationship)}.</p>
                  <p class="meta">
                    Asked ${dateText(r.createdAt, this.timeZone)} · the passcode works until
                    ${dateTimeText(r.expiresAt, this.timeZone)}
                  </p>
                  <div class="actions item-actions">
                    <button class="button secondary" type="button" ?disabled=${this.busyIds.has(r.id)} @click=${() => this.decline(r)}>
                      Decline<span class="visually-hidden"> ${r.requesterName}'s request</span>
                    </button>
                  </div>
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`;
  }

  private renderGrants(settings: FamilySettings) {
    return html`<section aria-labelledby="grants-heading">
      <h2 id="grants-heading">Family members with access</h2>
      ${this.messages('grants')}
      ${
        settings.grants.length === 0
          ? html`<p>No one else can see your record.</p>`
          : html`<ul class="items">
            ${repeat(
              settings.grants,
              (g) => g.id,
              (g) => html`<li>
                <family-grant-item
                  .grant=${g}
                  .canGrantFull=${settings.canGrantFull}
                  .timeZone=${this.timeZone}
                  .removalWaiting=${this.waitingOf('remove', g.id).some((w) => w.status === 'queued')}
                  @grant-updated=${this.onGrantUpdated}
                  @grant-removed=${this.onGrantRemoved}
                ></family-grant-item>
                ${this.renderGrantChanges(g)}
              </li>`,
            )}
          </ul>`
      }
    </section>`;
  }

  private renderInvitations(invitations: readonly PendingInvitation[]) {
    const invites = this.waiting.filter((w) => w.content.what === 'invite');
    if (
      invitations.length === 0 &&
      invites.length === 0 &&
      !this.notices.invitations &&
      !this.alerts.invitations
    )
      return nothing;
    return html`<section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations not yet accepted</h2>
      ${this.messages('invitations')}
      ${
        invitations.length > 0 || invites.length > 0
          ? html`<ul class="items">
            ${repeat(
              invitations,
              (i) => i.id,
              (i) => {
                const cancels = this.waitingOf('cancel-invitation', i.id);
                return html`<li>
                <p class="item-title"><strong>${i.displayName}</strong> (${i.email})</p>
                <p class="meta">
                  ${relationshipLabel(i.relationship)} · ${LEVEL_LABELS[i.access]} · the link works until
                  ${dateTimeText(i.expiresAt, this.timeZone)}
                </p>
                ${cancels.map((w) =>
                  this.renderWaiting(
                    w,
                    'Cancellation waiting to send: the link still works until this device is back online.',
                    `the cancellation of the invitation to ${i.displayName}`,
                  ),
                )}
                ${
                  cancels.some((w) => w.status === 'queued')
                    ? nothing
                    : html`<div class="actions item-actions">
                      <button class="button secondary" type="button" ?disabled=${this.busyIds.has(i.id)} @click=${() => this.cancelInvite(i)}>
                        Cancel invitation<span class="visually-hidden"> to ${i.displayName}</span>
                      </button>
                    </div>`
                }
              </li>`;
              },
            )}
            ${repeat(
              invites,
              (w) => w.id,
              (w) => this.renderWaitingInvitation(w),
            )}
          </ul>`
          : nothing
      }
    </section>`;
  }

  private renderInvite(settings: FamilySettings) {
    return html`<section aria-labelledby="invite-section-heading">
      <h2 id="invite-section-heading">Give a family member access</h2>
      ${this.messages('invite')}
      ${
        this.inviting
          ? html`<div class="card invite-card">
            <h3 id="invite-heading" tabindex="-1">Invite Family Member</h3>
            <family-invite-form
              .canGrantFull=${settings.canGrantFull}
              .ownEmail=${this.sessionController.session.account?.email ?? null}
              @invitation-sent=${this.onInvitationSent}
              @cancel=${this.closeInvite}
            ></family-invite-form>
          </div>`
          : html`<p>
              They receive an e-mail with a link. Once they sign in (or create an account) and accept, they see
              your record with the access level you chose. You can change it or remove it at any time.
            </p>
            <div class="actions">
              <button class="button" id="invite-button" type="button" @click=${this.openInvite}>Invite Family Member</button>
            </div>`
      }
    </section>`;
  }

  private async openRequest(): Promise<void> {
    this.requesting = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#request-heading')?.focus();
  }

  private async closeRequest(): Promise<void> {
    this.requesting = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#request-button')?.focus();
  }

  /** Whose records this account sees, and the way to ask for access to another one. */
  private renderOthers() {
    const people = (knownPeople(this.sessionController.session.account?.id) ?? []).filter(
      (p) => p.access !== 'self',
    );
    return html`<section aria-labelledby="others-heading">
      <h2 id="others-heading">Family members' records</h2>
      ${
        people.length > 0
          ? html`<p>You can see these records. Choose whose record you're viewing under “Viewing” at the top of the page.</p>
            <ul id="people">
              ${people.map((p) => html`<li>${personLabel(p)}${p.relationship ? `, ${asTheir(p.relationship)}` : ''}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this.requesting
          ? html`<div class="card request-card">
            <h3 id="request-heading" tabindex="-1">Request access to a family member's account</h3>
            <p>Enter the patient's details. We send a temporary passcode to the patient, not to you.</p>
            <family-request-access .practice=${this.practice} @cancel=${this.closeRequest}></family-request-access>
          </div>`
          : html`<p>
              For a family member who is a patient of the practice. We send a temporary passcode to them, not to
              you. If they agree, they give it to you, and your access begins when you enter it. From age 13,
              family members have Billing only access unless the patient gives Full access.
            </p>
            <div class="actions">
              <button class="button secondary" id="request-button" type="button" @click=${this.openRequest}>
                Request access to a family member's account
              </button>
            </div>`
      }
    </section>`;
  }

  private renderSettings(settings: FamilySettings) {
    if (!settings.canShare) {
      return html`<p class="lead">
          Your account is not a patient's account, so there is no record of yours to share. Here you see whose
          records you have access to, and can ask for access to another family member's account.
        </p>
        ${this.renderPending()} ${this.renderOthers()}`;
    }
    return html`<p class="lead">
        Family access settings: who can see your record and with which access level, Full or Billing only.
      </p>
      ${this.renderPending()} ${this.renderRequests(settings.requests)} ${this.renderGrants(settings)}
      ${this.renderInvitations(settings.invitations)} ${this.renderInvite(settings)} ${this.renderOthers()}`;
  }

  override render() {
    const offline = !this.connection.online;
    return html`<h1 tabindex="-1">Family access</h1>
      ${
        invitationWaiting()
          ? html`<p class="note">
            A family access invitation is waiting in this browser tab.
            <a href="/family/accept">Open the invitation</a>
          </p>`
          : nothing
      }
      ${
        offline || this.fromDevice
          ? html`<p class="offline" role="status">
            ${
              this.settings && this.fetchedAt
                ? `Offline — showing your settings from ${dateTimeText(this.fetchedAt, this.timeZone)}.${this.settings.canShare ? ` ${OFFLINE_CHANGES_TEXT}` : ''}`
                : OFFLINE_TEXT
            }
          </p>`
          : nothing
      }
      ${
        this.loadError
          ? html`<div class="alert" role="alert"><p>${this.loadError}</p>
              <p><button class="button secondary" type="button" @click=${this.load}>Try again</button></p></div>`
          : nothing
      }
      ${
        this.settings
          ? this.renderSettings(this.settings)
          : this.loadError || offline
            ? nothing
            : html`<p role="status">Loading your family access settings…</p>`
      }`;
  }
}

customElements.define('family-access-page', FamilyAccessPage);

declare global {
  interface HTMLElementTagNameMap {
    'family-access-page': FamilyAccessPage;
  }
}
