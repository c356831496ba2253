// The look shared by the patient's Messages and the Practice inbox: a list of conversations (each
// a full-width button), and one conversation (messages oldest first, the practice's marked by a
// border and in words). Text buttons use formStyles' .link-button.
import { css } from 'lit';

export const conversationListStyles = css`
  .threads {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .threads > li {
    max-width: none;
  }
  .threads > li + li {
    margin-top: 0.5rem;
  }
  .thread {
    display: block;
    width: 100%;
    min-height: var(--tap);
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: var(--radius);
    background: var(--surface);
    color: var(--text);
    font: inherit;
    text-align: start;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .thread:hover {
    border-color: var(--accent-strong);
  }
  .thread .top {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
    font-weight: 700;
  }
  .thread .preview {
    display: block;
    margin-top: 0.25rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [role='status'] {
    font-weight: 600;
  }
`;

export const conversationStyles = css`
  h2 {
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--muted);
    overflow-wrap: anywhere;
  }
  ol {
    margin: 0 0 1.5rem;
    padding: 0;
    list-style: none;
  }
  ol > li {
    max-width: 42rem;
    margin: 0 0 0.75rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: var(--radius);
    background: var(--surface);
  }
  ol > li.practice {
    border-inline-start: 4px solid var(--accent);
  }
  .from {
    margin: 0 0 0.25rem;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .from time {
    color: var(--muted);
    font-weight: 400;
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
