// Layout of the shell: header with the practice's name and connection status, the navigation
// (a menu on phones, a left column from 900px) and the main area. Mobile first.
import { css } from 'lit';
import { tokens } from '../styles/tokens';

export const shellStyles = [
  tokens,
  css`
  /* Shadow roots don't inherit the page's box-sizing rule. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :host {
    display: flex;
    flex-direction: column;
    min-height: 100dvh;
  }

  a:focus-visible,
  button:focus-visible,
  main:focus-visible {
    outline: 3px solid var(--accent);
    outline-offset: 2px;
  }

  .skip-link {
    position: absolute;
    z-index: 20;
    top: 0.5rem;
    left: 0.5rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--accent);
    border-radius: 0.5rem;
    background: var(--surface);
    color: var(--accent-strong);
    font: inherit;
    font-weight: 700;
    text-decoration: underline;
    cursor: pointer;
    transform: translateY(-200%);
  }
  .skip-link:focus {
    transform: none;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: calc(0.5rem + env(safe-area-inset-top, 0px)) 1rem 0.625rem;
    padding-inline: max(1rem, env(safe-area-inset-left, 0px)) max(1rem, env(safe-area-inset-right, 0px));
    background: var(--accent);
    color: #fff;
  }
  header a:focus-visible,
  header button:focus-visible {
    outline-color: #fff;
  }

  .menu-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
    min-width: var(--tap);
    min-height: var(--tap);
    margin-inline-start: -0.375rem;
    padding: 0 0.5rem;
    border: 1.5px solid rgb(255 255 255 / 0.7);
    border-radius: 0.5rem;
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .menu-button:hover {
    background: rgb(255 255 255 / 0.12);
  }

  .brand {
    display: flex;
    flex: 1 1 8rem;
    align-items: center;
    gap: 0.625rem;
    min-width: 0;
    min-height: var(--tap);
    color: inherit;
    font-size: 1.125rem;
    font-weight: 700;
    line-height: 1.25;
    text-decoration: none;
  }
  .brand .logo {
    flex: none;
  }
  .brand span {
    overflow-wrap: anywhere;
  }

  /* On a phone the connection status and Sign out share the row under the brand. The order
     moves only the status, which takes no focus, so the focus order stays the DOM's. */
  .status {
    flex: 1 1 auto;
  }

  /* Whose record is open: a row of its own under the brand, on every width. */
  .switcher {
    flex: 1 0 100%;
    order: 2;
  }

  .account {
    order: 1;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
  }
  .account-name {
    display: none;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .account-link {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: var(--tap);
    min-height: var(--tap);
    padding: 0 0.75rem;
    border: 1.5px solid rgb(255 255 255 / 0.7);
    border-radius: 0.5rem;
    background: transparent;
    color: #fff;
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
  }
  .account-link:hover {
    background: rgb(255 255 255 / 0.12);
  }

  .layout {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-width: 0;
  }

  nav {
    background: var(--surface);
    border-bottom: 1px solid var(--border);
  }
  nav ul {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: 0.25rem;
    margin: 0;
    padding: 0.5rem;
    list-style: none;
  }
  nav a {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: var(--tap);
    padding: 0.5rem 0.75rem;
    border-radius: 0.5rem;
    color: var(--text);
    font-weight: 600;
    text-decoration: none;
  }
  nav a:hover {
    background: var(--accent-soft);
  }
  nav a[aria-current='page'] {
    background: var(--accent-soft);
    color: var(--accent-strong);
    box-shadow: inset 4px 0 0 var(--accent);
  }
  nav .icon {
    flex: none;
    color: var(--accent);
  }

  main {
    flex: 1;
    width: 100%;
    max-width: 60rem;
    padding: 1.5rem max(1rem, env(safe-area-inset-right, 0px)) calc(6rem + env(safe-area-inset-bottom, 0px))
      max(1rem, env(safe-area-inset-left, 0px));
  }

  .loading,
  .load-failed {
    color: var(--muted);
  }
  .load-failed a {
    color: var(--accent-strong);
  }

  /* Phones and small tablets: the navigation opens from the Menu button. */
  @media (max-width: 899.98px) {
    nav:not(.open) {
      display: none;
    }
  }

  @media (min-width: 600px) {
    .status {
      flex: none;
    }
    .account-name {
      display: inline;
    }
    main {
      padding-inline: 2rem;
    }
  }

  /* Desktop: a fixed left column, always visible; no menu button. */
  @media (min-width: 900px) {
    .menu-button {
      display: none;
    }
    header {
      padding-inline: 1.5rem;
    }
    .layout {
      flex-direction: row;
    }
    nav {
      flex: none;
      width: 15rem;
      border-bottom: 0;
      border-right: 1px solid var(--border);
    }
    nav ul {
      position: sticky;
      top: 0;
      display: flex;
      flex-direction: column;
      padding: 1rem 0.75rem;
    }
    main {
      padding: 2rem 2.5rem 6rem;
    }
  }
`,
];
