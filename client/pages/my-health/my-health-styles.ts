// The look shared by the My Health views: sections with counts, record lists, facts as label and
// value, status badges and result flags (icon and words, never colour alone). Used with
// pageStyles and formStyles; mobile first, no motion for people who ask for none.
import { css } from 'lit';

export const myHealthStyles = css`
  section.block {
    margin: 0 0 2rem;
  }
  section.block > h2 {
    margin: 0 0 0.75rem;
    padding-bottom: 0.375rem;
    border-bottom: 2px solid var(--border);
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 4px;
  }
  h3.group {
    margin: 1.25rem 0 0.25rem;
    color: var(--muted);
    font-size: 1rem;
    text-transform: none;
  }
  .count {
    color: var(--muted);
    font-weight: 600;
  }
  ul.items {
    max-width: 46rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
  }
  ul.items > li {
    max-width: none;
    margin: 0;
    padding: 0.75rem 0;
    border-bottom: 1px solid var(--border);
  }
  ul.items > li:last-child {
    border-bottom: 0;
  }
  .name {
    display: block;
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 700;
    line-height: 1.35;
    overflow-wrap: anywhere;
  }
  .meta {
    display: block;
    margin: 0.125rem 0 0;
    color: var(--muted);
    font-size: 0.9375rem;
    overflow-wrap: anywhere;
  }
  .detail {
    margin: 0.25rem 0 0;
    overflow-wrap: anywhere;
  }
  .detail-label {
    font-weight: 600;
  }
  .empty {
    margin: 0.25rem 0 1rem;
    color: var(--muted);
  }
  .comment {
    max-width: 42rem;
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--accent);
    border-radius: 0 0.375rem 0.375rem 0;
    background: var(--accent-soft);
    white-space: pre-line;
  }
  .comment strong {
    display: block;
    font-size: 0.875rem;
  }

  /* Facts: label above value on phones, side by side from 480px. */
  dl.facts {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 1rem;
    max-width: 40rem;
    margin: 0.5rem 0 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: 0.5rem;
    background: var(--bg);
  }
  dl.facts dt {
    margin-top: 0.5rem;
    color: var(--muted);
    font-size: 0.875rem;
    font-weight: 700;
  }
  dl.facts dt:first-child {
    margin-top: 0;
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (min-width: 480px) {
    dl.facts {
      grid-template-columns: max-content minmax(0, 1fr);
      row-gap: 0.375rem;
    }
    dl.facts dt {
      margin-top: 0;
      font-size: inherit;
    }
  }

  /* Badges (status) and flags (results): words first, with an icon. */
  .badges {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    vertical-align: middle;
  }
  .badge,
  .flag {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.0625rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 700;
    line-height: 1.5;
    white-space: nowrap;
  }
  .badge {
    color: var(--muted);
    background: var(--surface);
  }
  .badge.current {
    color: var(--ok);
    background: var(--ok-bg);
  }
  .badge.warn,
  .flag.abnormal {
    color: var(--warn-text);
    background: var(--warn-bg);
  }
  .flag.critical {
    color: var(--error);
    background: var(--error-bg);
    border-width: 2px;
  }
  .flag.normal {
    color: var(--ok);
    background: var(--ok-bg);
  }
  .flag.info,
  .badge.corrected {
    color: var(--accent-strong);
    background: var(--accent-soft);
  }
  .badge svg,
  .flag svg {
    flex: none;
    width: 0.875rem;
    height: 0.875rem;
  }

  /* A full-size touch target that reads as a link (names that open details). */
  .open {
    display: inline;
    min-height: 0;
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--accent-strong);
    font: inherit;
    font-weight: 700;
    text-align: start;
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .open:hover {
    text-decoration-thickness: 2px;
  }
  .disclosure {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: var(--tap);
    margin-top: 0.25rem;
    padding: 0 0.75rem;
    border: 1.5px solid var(--accent);
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--accent-strong);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  .disclosure:hover {
    background: var(--accent-soft);
  }
  .disclosure svg {
    width: 1rem;
    height: 1rem;
    transition: transform 150ms ease-out;
  }
  .disclosure[aria-expanded='true'] svg {
    transform: rotate(180deg);
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: var(--tap);
    margin: 0 0 0.75rem;
    padding: 0 0.75rem 0 0.5rem;
    border: 1.5px solid var(--accent);
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--accent-strong);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  .back svg {
    width: 1.125rem;
    height: 1.125rem;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
