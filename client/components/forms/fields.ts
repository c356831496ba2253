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

/** The password of an existing account (sign-in, unlock), as password managers expect it. */
export const currentPasswordField = (
  o: Pick<TextFieldOptions, 'id' | 'value' | 'error' | 'onInput'>,
): TemplateResult =>
  textField({ ...o, label: 'Password', type: 'password', autocomplete: 'current-password' });

export interface FieldBinding<F extends string> {
  values: Readonly<Record<F, string>>;
  errors: Readonly<Partial<Record<F, string>>>;
  onInput: (name: F, value: string) => void;
  /** The element id of a field (default: its name), for names a selector cannot take. */
  id?: (name: F) => string;
}

/** Binds a form's values and problems once: `field('firstName', 'First name', { … })`. */
export function fieldBinder<F extends string>(b: FieldBinding<F>) {
  return (name: F, label: string, extra: Partial<TextFieldOptions> = {}): TemplateResult =>
    textField({
      id: b.id ? b.id(name) : name,
      label,
      value: b.values[name],
      error: b.errors[name],
      onInput: (value) => b.onInput(name, value),
      ...extra,
    });
}

/** A 6-digit one-time code (e-mail or authenticator): numeric keypad, and phones offer the code. */
export function codeField(
  o: Omit<TextFieldOptions, 'type' | 'autocomplete' | 'inputmode' | 'maxlength'>,
): TemplateResult {
  return textField({ ...o, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 });
}

/**
 * The code that proves it's you (two-step sign-in, password reset): from the authenticator app, or
 * one of the recovery codes (longer, with letters), so it is not limited to six digits.
 */
export function securityCodeField(o: {
  app: boolean;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}): TemplateResult {
  return textField({
    id: 'code',
    label: o.app ? 'Code from your authenticator app' : 'Recovery code',
    autocomplete: 'one-time-code',
    inputmode: o.app ? 'numeric' : 'text',
    maxlength: 32,
    value: o.value,
    error: o.error,
    onInput: o.onInput,
  });
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
