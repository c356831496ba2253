// <family-grant-item>: one family member with access to the patient's record: level, what it gives
// today under the age rules, since when; "Change access level", "Remove access" (after a confirm
// step) and, for access set up while the patient was a minor, "Confirm access".
import { css, html, LitElement, nothing } from 'lit';
import type { FamilyGrant, GrantLevel } from '../../../../core/family';
import { FormController } from '../../../components/forms/form-controller';
import { formStyles } from '../../../components/forms/form-styles';
import { OnlineController } from '../../../components/forms/online-controller';
import { pageStyles } from '../../../components/page-styles';
import { confirmGrant } from '../../../data/family-api';
import {
  changeLevelOrQueue,
  FAMILY_CHANGE_QUEUED_EVENT,
  type FamilyChange,
  removeOrQueue,
} from '../../../data/family-changes';
import { accessChoice, accessChoiceStyles } from './access-choice';
import { dateText, effectiveText, LEVEL_LABELS, levelText, relationshipLabel } from './family-words';

export const GRANT_UPDATED_EVENT = 'grant-updated';
export const GRANT_REMOVED_EVENT = 'grant-removed';

type Panel = 'none' | 'change' | 'remove';

export class FamilyGrantItem extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    accessChoiceStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.25rem;
        overflow-wrap: anywhere;
      }
      .meta {
        margin: 0 0 0.5rem;
        color: var(--muted);
      }
      .level {
        font-weight: 700;
        color: var(--text);
      }
      .panel {
        margin: 0.75rem 0 0;
        padding: 1rem;
        border: 1px solid var(--border);
        border-radius: 0.5rem;
        background: var(--bg);
      }
      .panel h4 {
        margin: 0 0 0.5rem;
        font-size: 1.0625rem;
      }
      .panel fieldset {
        margin: 0;
      }
      .panel h4:focus {
        outline: none;
      }
      .panel .actions {
        margin: 0.75rem 0 0;
      }
      .button.danger {
        border-color: var(--error);
        background: var(--error);
      }
      .button.danger:hover {
        background: #8c1d17;
      }
      .item-actions {
        margin: 0.5rem 0 0;
      }
      .success,
      .alert {
        margin: 0.75rem 0 0;
      }
      .warn {
        padding: 0.5rem 0.75rem;
        border-radius: 0.5rem;
        background: var(--warn-bg);
        color: var(--warn-text);
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    grant: { attribute: false },
    canGrantFull: { attribute: false },
    timeZone: { attribute: false },
    removalWaiting: { attribute: false },
    panel: { state: true },
    choice: { state: true },
    notice: { state: true },
  };

  declare grant: FamilyGrant;
  declare canGrantFull: boolean;
  declare timeZone: string | undefined;
  /** A removal made offline waits to be sent: nothing more to change until it is. */
  declare removalWaiting: boolean;
  declare panel: Panel;
  declare choice: GrantLevel;
  declare notice: string | null;

  constructor() {
    super();
    this.canGrantFull = true;
    this.timeZone = undefined;
    this.removalWaiting = false;
    this.panel = 'none';
    this.choice = 'billing';
    this.notice = null;
  }

  private async open(panel: Panel): Promise<void> {
    this.panel = panel;
    this.form.clear();
    this.notice = null;
    this.choice = this.grant.level === 'full' && this.canGrantFull ? 'full' : 'billing';
    await this.updateComplete;
    // The level choice starts at its checked radio (the group's legend names it); the removal
    // question at its heading; closing either returns to the button that opened it.
    const target =
      panel === 'none'
        ? `#${panelButton(this.lastPanel)}`
        : panel === 'change'
          ? 'input[type="radio"]:checked'
          : '#panel-heading';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    if (panel !== 'none') this.lastPanel = panel;
  }

  private lastPanel: Panel = 'change';
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController(this, { action: 'Changing the access level' });

  private queued(change: FamilyChange): void {
    this.dispatchEvent(
      new CustomEvent<FamilyChange>(FAMILY_CHANGE_QUEUED_EVENT, {
        detail: change,
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** After a change that went through: focus moves to what it did. */
  private async showNotice(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
  }

  private updated_(grant: FamilyGrant): void {
    this.dispatchEvent(
      new CustomEvent<FamilyGrant>(GRANT_UPDATED_EVENT, { detail: grant, bubbles: true, composed: true }),
    );
  }

  private saveLevel(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const access = this.choice;
      const outcome = await changeLevelOrQueue(this.grant, access);
      if (outcome.kind === 'not-kept') return { alert: outcome.reason };
      if (outcome.kind === 'sent') {
        this.panel = 'none';
        this.notice = `Access level changed to ${LEVEL_LABELS[outcome.data.level]}. Their devices follow at their next sync.`;
        this.updated_(outcome.data);
      } else if (outcome.kind === 'queued') {
        this.panel = 'none';
        this.notice = `The change to ${LEVEL_LABELS[access]} is saved on this device. It takes effect when this device is back online; until then ${this.grant.displayName} keeps ${levelText(this.grant.level)}.`;
        this.queued({ what: 'level', grantId: this.grant.id, displayName: this.grant.displayName, access });
      } else {
        return { alert: this.form.failure(outcome) };
      }
      await this.showNotice();
    });
  }

  private confirmRemove(): Promise<void> {
    return this.form.submit(async () => {
      const outcome = await removeOrQueue(this.grant);
      if (outcome.kind === 'queued') {
        this.panel = 'none';
        this.queued({ what: 'remove', grantId: this.grant.id, displayName: this.grant.displayName });
        return;
      }
      if (outcome.kind === 'sent') {
        this.dispatchEvent(
          new CustomEvent<FamilyGrant>(GRANT_REMOVED_EVENT, {
            detail: this.grant,
            bubbles: true,
            composed: true,
          }),
        );
        return;
      }
      return {
        alert: outcome.kind === 'not-kept' ? outcome.reason : this.form.failure(outcome, 'Removing access'),
      };
    });
  }

  private confirmAccess(): Promise<void> {
    this.notice = null;
    return this.form.submit(async () => {
      const outcome = await confirmGrant(this.grant.id);
      if (outcome.kind !== 'ok') return { alert: this.form.failure(outcome, 'Confirming access') };
      this.notice = `You confirmed ${this.grant.displayName}'s access. It continues with ${levelText(outcome.data.level)}.`;
      this.updated_(outcome.data);
      await this.showNotice();
    });
  }

  private renderToday() {
    const { level, effective, needsAdultConfirmation } = this.grant;
    if (needsAdultConfirmation) {
      return html`<p class="warn">Set up while you were under 18: it ends unless you confirm it.</p>
        <div class="actions item-actions">
          <button class="button" type="button" ?disabled=${this.form.busy} @click=${this.confirmAccess}>
            Confirm access<span class="visually-hidden"> for ${this.grant.displayName}</span>
          </button>
        </div>`;
    }
    if (effective === level) return nothing;
    if (effective === 'none') return html`<p class="warn">This access has ended under the age rules.</p>`;
    return html`<p class="warn">
      Under the age rules this gives ${effectiveText(effective)} today.${
        this.canGrantFull ? ' To give Full access, change the access level.' : ''
      }
    </p>`;
  }

  private renderPanel() {
    const name = this.grant.displayName;
    switch (this.panel) {
      case 'none':
        return nothing;
      case 'change':
        return html`<div class="panel">
          <form novalidate @submit=${this.saveLevel}>
            ${accessChoice({
              id: `level-${this.grant.id}`,
              legend: `Access level for ${name}`,
              value: this.choice,
              canGrantFull: this.canGrantFull,
              onChange: (level) => {
                this.choice = level;
              },
            })}
            ${
              this.connection.online
                ? nothing
                : html`<p class="warn">You're offline: a new level takes effect when this device is back online.</p>`
            }
            <div class="actions">
              <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Saving…' : 'Save'}</button>
              <button class="link-button" type="button" @click=${() => this.open('none')}>Cancel</button>
            </div>
          </form>
        </div>`;
      case 'remove':
        return html`<div class="panel" role="group" aria-labelledby="panel-heading">
          <h4 id="panel-heading" tabindex="-1">Remove ${name}'s access?</h4>
          ${
            this.connection.online
              ? nothing
              : html`<p class="warn">
                You're offline, so access is not removed now. The removal is sent when this device is back
                online: until then ${name} can still see your record.
              </p>`
          }
          <p>
            ${
              this.grant.effective === 'billing'
                ? `${name} will no longer see your bills or write to the billing office for you. Their devices delete the copy of your statements they hold the next time they sync.`
                : `${name} will no longer see your record or write to your providers for you. Their devices delete the copy of your records they hold the next time they sync.`
            }
          </p>
          <div class="actions">
            <button class="button danger" type="button" ?disabled=${this.form.busy} @click=${this.confirmRemove}>
              ${this.form.busy ? 'Removing…' : this.connection.online ? 'Remove access' : 'Remove access when back online'}
            </button>
            <button class="link-button" type="button" @click=${() => this.open('none')}>Keep access</button>
          </div>
        </div>`;
    }
  }

  override render() {
    const g = this.grant;
    const name = g.displayName;
    return html`<h3>${name}</h3>
      <p class="meta">
        ${relationshipLabel(g.relationship)} · <span class="level">${LEVEL_LABELS[g.level]}</span> · since
        ${dateText(g.since, this.timeZone)}${g.source === 'guardian' ? ' · linked by the office' : ''}
      </p>
      ${this.renderToday()}
      ${
        this.panel === 'none' && !this.removalWaiting
          ? html`<div class="actions item-actions">
            <button class="button secondary" id="change-button" type="button" @click=${() => this.open('change')}>
              Change access level<span class="visually-hidden"> for ${name}</span>
            </button>
            <button class="button secondary" id="remove-button" type="button" @click=${() => this.open('remove')}>
              Remove access<span class="visually-hidden"> for ${name}</span>
            </button>
          </div>`
          : nothing
      }
      ${this.renderPanel()}
      ${this.notice ? html`<div class="success" role="status" tabindex="-1"><p>${this.notice}</p></div>` : nothing}
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}`;
  }
}

const panelButton = (panel: Panel): string => (panel === 'remove' ? 'remove-button' : 'change-button');

customElements.define('family-grant-item', FamilyGrantItem);

declare global {
  interface HTMLElementTagNameMap {
    'family-grant-item': FamilyGrantItem;
  }
}
