// <profile-conflict>: someone changed the profile since this edit began (another device, or the
// office). Shows both values of each clashing field and lets the user choose; nothing is overwritten
// until they press save.
import { css, html, LitElement } from 'lit';
import type { Profile } from '../../../core/accounts';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import {
  conflictingFields,
  describeValue,
  PROFILE_LABELS,
  type ProfileChanges,
  type ProfileKey,
  resolvedChanges,
} from './profile-save';

export const CONFLICT_RESOLVED_EVENT = 'conflict-resolved';
export type ConflictResolvedEvent = CustomEvent<{ changes: ProfileChanges; baseVersion: number }>;

export class ProfileConflict extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      fieldset {
        padding: 1rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
      }
      legend {
        padding: 0 0.25rem;
      }
      .check {
        align-items: flex-start;
        padding: 0.5rem 0;
      }
      .check input {
        margin-top: 0.125rem;
      }
      .value {
        display: block;
        font-weight: 400;
        overflow-wrap: anywhere;
      }
      h2:focus {
        outline: none;
      }
    `,
  ];

  static override properties = {
    mine: { attribute: false },
    base: { attribute: false },
    current: { attribute: false },
    keepServer: { state: true },
  };

  declare mine: ProfileChanges;
  /** The version the edit started from: fields unchanged since then are not conflicts. */
  declare base: Profile;
  declare current: Profile;
  declare keepServer: Set<ProfileKey>;

  constructor() {
    super();
    this.mine = {};
    this.keepServer = new Set();
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private choose(key: ProfileKey, server: boolean): void {
    const next = new Set(this.keepServer);
    if (server) next.add(key);
    else next.delete(key);
    this.keepServer = next;
  }

  private submit(event: Event): void {
    event.preventDefault();
    this.dispatchEvent(
      new CustomEvent(CONFLICT_RESOLVED_EVENT, {
        detail: { changes: resolvedChanges(this.mine, this.keepServer), baseVersion: this.current.version },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const keys = conflictingFields(this.mine, this.base, this.current);
    return html`<div class="alert" role="alert">
        <h2 tabindex="-1">Your information changed while you were editing</h2>
        <p>
          Someone saved a change to ${keys.length === 1 ? 'this field' : 'these fields'} since you opened the page,
          perhaps you on another device or the office. Choose which value to keep for each one. Your other changes
          are kept.
        </p>
      </div>
      <form @submit=${this.submit}>
        ${keys.map(
          (key) => html`<fieldset>
            <legend>${PROFILE_LABELS[key]}</legend>
            <label class="check"
              ><input
                type="radio"
                name=${key}
                value="mine"
                .checked=${!this.keepServer.has(key)}
                @change=${() => this.choose(key, false)}
              /><span>Keep yours <span class="value">${describeValue(key, this.mine)}</span></span></label
            >
            <label class="check"
              ><input
                type="radio"
                name=${key}
                value="server"
                .checked=${this.keepServer.has(key)}
                @change=${() => this.choose(key, true)}
              /><span>Keep the saved one <span class="value">${describeValue(key, this.current)}</span></span></label
            >
          </fieldset>`,
        )}
        <div class="actions"><button class="button" type="submit">Save my choices</button></div>
      </form>`;
  }
}

customElements.define('profile-conflict', ProfileConflict);

declare global {
  interface HTMLElementTagNameMap {
    'profile-conflict': ProfileConflict;
  }
  interface HTMLElementEventMap {
    [CONFLICT_RESOLVED_EVENT]: ConflictResolvedEvent;
  }
}
