// Typography and building blocks shared by every page: headings, text, lists, links, cards.
import { css } from 'lit';
import { tokens } from '../styles/tokens';

export const pageStyles = [
  tokens,
  css`
  /* Shadow roots don't inherit the page's box-sizing rule. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host {
    display: block;
  }
  h1 {
    margin: 0 0 0.75rem;
    font-size: 1.75rem;
    line-height: 1.2;
    color: var(--text);
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 4px;
  }
  h2 {
    margin: 2rem 0 0.75rem;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.0625rem;
    line-height: 1.3;
  }
  p,
  li {
    max-width: 42rem;
  }
  p {
    margin: 0 0 1rem;
  }
  .lead {
    font-size: 1.0625rem;
    color: var(--muted);
  }
  ul {
    margin: 0 0 1rem;
    padding-inline-start: 1.25rem;
  }
  li + li {
    margin-top: 0.375rem;
  }
  a {
    color: var(--accent-strong);
    text-underline-offset: 0.15em;
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  a:focus-visible,
  button:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .card {
    margin: 0 0 1rem;
    padding: 1rem;
    border: 1px solid var(--border);
    border-radius: var(--radius);
    background: var(--surface);
  }
  @media (min-width: 600px) {
    .card {
      padding: 1.25rem 1.5rem;
    }
  }
  .card > h2:first-child {
    margin-top: 0;
  }
  .card > :last-child {
    margin-bottom: 0;
  }
  .note {
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--accent);
    border-radius: 0 0.5rem 0.5rem 0;
    background: var(--accent-soft);
  }
  /* Links inside sentences are short; give standalone contact links a full touch target. */
  .contact {
    display: inline-flex;
    align-items: center;
    min-height: var(--tap);
    overflow-wrap: anywhere;
  }
`,
];
