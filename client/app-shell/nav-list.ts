// The list of destinations in the main navigation, with the current page marked for assistive
// technology (aria-current) and visually. Signed out, account areas lead to sign-in first.
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../components/icons';
import { type Route, signInHref } from '../router/routes';

export const navList = (items: readonly Route[], currentPath: string, signedOut: boolean): TemplateResult =>
  html`<ul>
    ${items.map(
      (route) =>
        html`<li>
          <a
            href=${signedOut && route.access === 'account' ? signInHref(route.path) : route.path}
            aria-current=${route.path === currentPath ? 'page' : nothing}
            >${icon(route.icon)}<span>${route.label}</span></a
          >
        </li>`,
    )}
  </ul>`;
