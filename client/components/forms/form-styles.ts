// Shared look of forms: labels above fields, 44 px touch targets, errors in text and colour,
// primary and secondary buttons, choice cards and alert boxes. Used with pageStyles.
import { css } from 'lit';

export const formStyles = css`
  form {
    max-width: 32rem;
  }
  .field {
    margin: 0 0 1.125rem;
  }
  label,
  legend {
    display: block;
    margin: 0 0 0.25rem;
    font-weight: 700;
  }
  .hint {
    margin: 0 0 0.375rem;
    color: var(--muted);
    font-size: 0.9375rem;
  }
  input:not([type='checkbox']):not([type='radio']),
  select {
    width: 100%;
    min-height: var(--tap);
    padding: 0.5rem 0.75rem;
    border: 1.5px solid #6b7c80;
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--text);
    /* 1rem keeps iOS from zooming into the field. */
    font: inherit;
    font-size: 1rem;
  }
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 1px;
  }
  /* As specific as the input rule above, so an invalid field's red border wins. */
  input:not([type='checkbox']):not([type='radio'])[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--error);
    border-width: 2px;
  }
  .error {
    display: flex;
    gap: 0.375rem;
    margin: 0 0 0.375rem;
    color: var(--error);
    font-weight: 600;
  }
  .error::before {
    content: '!';
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.25rem;
    height: 1.25rem;
    margin-top: 0.125rem;
    border-radius: 50%;
    background: var(--error);
    color: #fff;
    font-size: 0.8125rem;
    font-weight: 800;
  }
  fieldset > legend {
    margin-bottom: 0.75rem;
    font-size: 1.125rem;
  }
  fieldset {
    margin: 0 0 1.125rem;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    min-height: var(--tap);
    font-weight: 600;
    cursor: pointer;
  }
  .check input {
    flex: none;
    width: 1.375rem;
    height: 1.375rem;
    margin: 0;
    accent-color: var(--accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1rem;
    margin: 1.5rem 0 1rem;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: var(--tap);
    min-width: var(--tap);
    padding: 0 1.25rem;
    border: 2px solid var(--accent);
    border-radius: 0.5rem;
    background: var(--accent);
    color: #fff;
    font: inherit;
    font-weight: 700;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    background: var(--accent-strong);
  }
  .button.secondary {
    background: var(--surface);
    color: var(--accent-strong);
  }
  .button.secondary:hover {
    background: var(--accent-soft);
  }
  .button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .button:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .link-button {
    min-height: var(--tap);
    padding: 0;
    border: 0;
    background: none;
    color: var(--accent-strong);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .inline-link {
    display: inline-flex;
    align-items: center;
    min-height: var(--tap);
  }
  .alert {
    max-width: 42rem;
    margin: 0 0 1.25rem;
    padding: 0.875rem 1rem;
    border: 2px solid var(--error);
    border-radius: 0.5rem;
    background: var(--error-bg);
  }
  .alert:focus {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .alert h2 {
    margin: 0 0 0.375rem;
    font-size: 1.0625rem;
  }
  .alert p,
  .alert ul {
    margin: 0 0 0.375rem;
  }
  .alert > :last-child {
    margin-bottom: 0;
  }
  .success {
    max-width: 42rem;
    margin: 0 0 1.25rem;
    padding: 0.875rem 1rem;
    border: 2px solid var(--ok);
    border-radius: 0.5rem;
    background: var(--ok-bg);
  }
  .success:focus {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }
  .rules {
    margin: -0.75rem 0 1.125rem;
    padding: 0;
    list-style: none;
    font-size: 0.9375rem;
  }
  .rules li {
    display: flex;
    gap: 0.5rem;
    margin: 0.125rem 0 0;
    color: var(--muted);
  }
  .rules li.met {
    color: var(--ok);
    font-weight: 600;
  }
  .rules .mark {
    flex: none;
    width: 1.25rem;
    text-align: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .offline {
    padding: 0.75rem 1rem;
    border-radius: 0.5rem;
    background: var(--warn-bg);
    color: var(--warn-text);
    font-weight: 600;
  }
  /* Two short fields side by side (first and last name) once there is room. */
  .pair {
    display: grid;
    gap: 0 1rem;
  }
  @media (min-width: 600px) {
    .pair {
      grid-template-columns: 1fr 1fr;
    }
  }
`;
