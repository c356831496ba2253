// The app's destinations: path, name, icon and how to load and show each page. Every page is its
// own chunk (dynamic import), so the shell stays small and pages arrive when first visited.
import { html, type TemplateResult } from 'lit';
import type { PracticeInfo } from '../../core/practice';
import type { IconName } from '../components/icons';

export interface Route {
  path: string;
  /** Used for the navigation link, the home tile and document.title. */
  label: string;
  icon: IconName;
  load: () => Promise<unknown>;
  render: (practice: PracticeInfo | null) => TemplateResult;
}

export const routes: readonly Route[] = [
  {
    path: '/',
    label: 'Home',
    icon: 'home',
    load: () => import('../pages/home/home-page'),
    render: (practice) => html`<home-page .practice=${practice}></home-page>`,
  },
  {
    path: '/messages',
    label: 'Messages',
    icon: 'messages',
    load: () => import('../pages/messages/messages-page'),
    render: () => html`<messages-page></messages-page>`,
  },
  {
    path: '/my-health',
    label: 'My Health',
    icon: 'my-health',
    load: () => import('../pages/my-health/my-health-page'),
    render: () => html`<my-health-page></my-health-page>`,
  },
  {
    path: '/health-records',
    label: 'Health Records',
    icon: 'health-records',
    load: () => import('../pages/health-records/health-records-page'),
    render: () => html`<health-records-page></health-records-page>`,
  },
  {
    path: '/billing',
    label: 'Billing',
    icon: 'billing',
    load: () => import('../pages/billing/billing-page'),
    render: (practice) => html`<billing-page .practice=${practice}></billing-page>`,
  },
  {
    path: '/family-access',
    label: 'Family access',
    icon: 'family-access',
    load: () => import('../pages/family-access/family-access-page'),
    render: () => html`<family-access-page></family-access-page>`,
  },
  {
    path: '/profile',
    label: 'Profile',
    icon: 'profile',
    load: () => import('../pages/profile/profile-page'),
    render: () => html`<profile-page></profile-page>`,
  },
  {
    path: '/help',
    label: 'Help',
    icon: 'help',
    load: () => import('../pages/help/help-page'),
    render: (practice) => html`<help-page .practice=${practice}></help-page>`,
  },
];

export const notFoundRoute: Route = {
  path: '',
  label: 'Page not found',
  icon: 'help',
  load: () => import('../pages/not-found/not-found-page'),
  render: () => html`<not-found-page></not-found-page>`,
};

/** "/help/" and "/help" are the same page; anything unknown gets the friendly not-found page. */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export const findRoute = (pathname: string): Route | undefined =>
  routes.find((route) => route.path === normalizePath(pathname));

export const resolveRoute = (pathname: string): Route => findRoute(pathname) ?? notFoundRoute;
