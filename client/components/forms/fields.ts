// Form fields as templates rendered in the page's own shadow root, so each <label for> and every
// aria-describedby (hint, error) point at elements in the same tree, as assistive tech needs.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface TextFieldOptions {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  hint?: string | TemplateResult;
  error?: string | undefined;
  /** Extra ids for aria-describedby (a live rules list, say). */
  describedBy?: string;
  maxlength?: number;
  required?: boolean;
}

export const describedBy = (...ids: Array<string | false | undefined>): string | undefined => {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
};

export const fieldError = (id: string, error: string | undefined) =>
  error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing;

export function textField(o: TextFieldOptions): TemplateResult {
  return html`<div class="field">
    <label for=${o.id}>${o.label}</label>
    ${o.hint ? html`<p class="hint" id=${`${o.id}-hint`}>${o.hint}</p>` : nothing} ${fieldError(o.id, o.error)}
    <input
      id=${o.id}
      name=${o.id}
      type=${o.type ?? 'text'}
      .value=${o.value}
      autocomplete=${ifDefined(o.autocomplete)}
      inputmode=${ifDefined(o.inputmode)}
      maxlength=${ifDefined(o.maxlength)}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : nothing}
      aria-describedby=${ifDefined(describedBy(o.hint ? `${o.id}-hint` : undefined, o.error ? `${o.id}-error` : undefined, o.describedBy))}
      @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)}
    />
  </div>`;
}

/** A 6-digit one-time code (e-mail or authenticator): numeric keypad, and phones offer the code. */
export function codeField(
  o: Omit<TextFieldOptions, 'type' | 'autocomplete' | 'inputmode' | 'maxlength'>,
): TemplateResult {
  return textField({ ...o, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 });
}

export interface SelectOption {
  value: string;
  label: string;
}

export function selectField(
  o: Omit<TextFieldOptions, 'type' | 'inputmode' | 'maxlength'> & { options: readonly SelectOption[] },
): TemplateResult {
  return html`<div class="field">
    <label for=${o.id}>${o.label}</label>
    ${o.hint ? html`<p class="hint" id=${`${o.id}-hint`}>${o.hint}</p>` : nothing} ${fieldError(o.id, o.error)}
    <select
      id=${o.id}
      name=${o.id}
      autocomplete=${ifDefined(o.autocomplete)}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : nothing}
      aria-describedby=${ifDefined(describedBy(o.hint ? `${o.id}-hint` : undefined, o.error ? `${o.id}-error` : undefined))}
      @change=${(event: Event) => o.onInput((event.target as HTMLSelectElement).value)}
    >
      ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
    </select>
  </div>`;
}
