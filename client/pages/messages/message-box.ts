// The message field of the compose and reply forms: a textarea with a live "characters left"
// count (announced politely, not on every key), its error, and the 1000-character limit.
import { css, html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MAX_MESSAGE_CHARS } from '../../../core/messages';
import { describedBy, fieldError } from '../../components/forms/fields';

export const messageBoxStyles = css`
  textarea {
    display: block;
    width: 100%;
    min-height: 9rem;
    padding: 0.5rem 0.75rem;
    border: 1.5px solid #6b7c80;
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--text);
    font: inherit;
    font-size: 1rem;
    resize: vertical;
  }
  textarea:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 1px;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--error);
    border-width: 2px;
  }
  .count {
    margin: 0.25rem 0 0;
    color: var(--muted);
    font-size: 0.9375rem;
  }
  .count.over {
    color: var(--error);
    font-weight: 600;
  }
`;

export interface MessageBoxOptions {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}

export function messageBox(o: MessageBoxOptions): TemplateResult {
  const left = MAX_MESSAGE_CHARS - o.value.trim().length;
  const count =
    left >= 0
      ? `${left} of ${MAX_MESSAGE_CHARS} characters left`
      : `${-left} ${left === -1 ? 'character' : 'characters'} over the limit of ${MAX_MESSAGE_CHARS}`;
  return html`<div class="field">
    <label for=${o.id}>${o.label}</label>
    ${fieldError(o.id, o.error)}
    <textarea
      id=${o.id}
      name=${o.id}
      .value=${o.value}
      rows="6"
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(o.error ? `${o.id}-error` : undefined, `${o.id}-count`))}
      @input=${(event: Event) => o.onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>
    <p class="count ${left < 0 ? 'over' : ''}" id=${`${o.id}-count`} aria-live=${left < 100 ? 'polite' : 'off'}>${count}</p>
  </div>`;
}
