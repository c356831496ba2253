// The list of destinations in the main navigation, with the current page marked for assistive
// technology (aria-current) and visually.
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../components/icons';
import type { Route } from '../router/routes';

export const navList = (items: readonly Route[], currentPath: string): TemplateResult =>
  html`<ul>
    ${items.map(
      (route) =>
        html`<li>
          <a href=${route.path} aria-current=${route.path === currentPath ? 'page' : nothing}
            >${icon(route.icon)}<span>${route.label}</span></a
          >
        </li>`,
    )}
  </ul>`;
