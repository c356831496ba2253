// "Access level": Full or Billing only as a radio group in a fieldset, each with its one-line
// explanation. Full is disabled, with the reason, when the age rules don't let this patient give it.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { GrantLevel } from '../../../../core/family';
import { describedBy } from '../../../components/forms/fields';
import { FULL_NOT_AVAILABLE, LEVEL_EXPLANATIONS, LEVEL_LABELS } from './family-words';

export interface AccessChoiceOptions {
  /** Unique in the shadow root: ids of inputs and hints start with it. */
  id: string;
  legend: string;
  value: GrantLevel | '';
  canGrantFull: boolean;
  error?: string | undefined;
  onChange: (level: GrantLevel) => void;
}

const LEVELS: readonly GrantLevel[] = ['full', 'billing'];

export function accessChoice(o: AccessChoiceOptions): TemplateResult {
  const errorId = `${o.id}-error`;
  return html`<fieldset class="access-choice" aria-describedby=${o.error ? errorId : nothing}>
    <legend>${o.legend}</legend>
    ${o.error ? html`<p class="error" id=${errorId}>${o.error}</p>` : nothing}
    ${LEVELS.map((level) => {
      const inputId = `${o.id}-${level}`;
      const hintId = `${inputId}-hint`;
      const unavailable = level === 'full' && !o.canGrantFull;
      return html`<div class="radio">
        <input
          id=${inputId}
          type="radio"
          name=${o.id}
          value=${level}
          .checked=${o.value === level}
          ?disabled=${unavailable}
          aria-invalid=${o.error ? 'true' : nothing}
          aria-describedby=${describedBy(hintId, o.error ? errorId : undefined) ?? nothing}
          @change=${() => o.onChange(level)}
        />
        <label for=${inputId}>${LEVEL_LABELS[level]}</label>
        <p class="hint" id=${hintId}>
          ${LEVEL_EXPLANATIONS[level]} ${unavailable ? html`<strong>${FULL_NOT_AVAILABLE}</strong>` : nothing}
        </p>
      </div>`;
    })}
  </fieldset>`;
}

export const accessChoiceStyles = css`
  .access-choice > legend {
    padding: 0;
  }
  .access-choice .radio {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.625rem;
    align-items: center;
    margin: 0 0 0.75rem;
  }
  .access-choice input[type='radio'] {
    width: 1.375rem;
    height: 1.375rem;
    margin: 0;
    accent-color: var(--accent);
  }
  .access-choice input[type='radio']:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .access-choice label {
    display: flex;
    align-items: center;
    min-height: var(--tap);
    margin: 0;
    cursor: pointer;
  }
  .access-choice input:disabled + label {
    color: var(--muted);
    cursor: not-allowed;
  }
  .access-choice .hint {
    grid-column: 2;
    margin: -0.25rem 0 0;
  }
`;
