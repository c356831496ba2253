// The app's destinations: path, name, icon, who may open it, and how to load and show each page.
// Every page is its own chunk (dynamic import), so the shell stays small and pages arrive when first visited.
import { html, type TemplateResult } from 'lit';
import type { PracticeInfo } from '../../core/practice';
import type { IconName } from '../components/icons';

/** public: anyone; account: signed in (else sent to sign-in); guest: only while signed out. */
export type RouteAccess = 'public' | 'account' | 'guest';

export interface Route {
  path: string;
  /** Used for the navigation link, the home tile and document.title. */
  label: string;
  icon: IconName;
  access: RouteAccess;
  /** Listed in the main navigation and on Home. */
  nav: boolean;
  /**
   * What the page shows of the person chosen in the account switcher: their clinical record, or
   * other parts of their account (billing, messages). Such a page opens afresh for a new choice.
   */
  person?: 'clinical' | 'account';
  load: () => Promise<unknown>;
  render: (practice: PracticeInfo | null) => TemplateResult;
}

export const routes: readonly Route[] = [
  {
    path: '/',
    label: 'Home',
    icon: 'home',
    access: 'public',
    nav: true,
    load: () => import('../pages/home/home-page'),
    render: (practice) => html`<home-page .practice=${practice}></home-page>`,
  },
  {
    path: '/messages',
    label: 'Messages',
    icon: 'messages',
    access: 'account',
    nav: true,
    person: 'account',
    load: () => import('../pages/messages/messages-page'),
    render: () => html`<messages-page></messages-page>`,
  },
  {
    path: '/my-health',
    label: 'My Health',
    icon: 'my-health',
    access: 'account',
    nav: true,
    person: 'clinical',
    load: () => import('../pages/my-health/my-health-page'),
    render: (practice) => html`<my-health-page .practice=${practice}></my-health-page>`,
  },
  {
    path: '/health-records',
    label: 'Health Records',
    icon: 'health-records',
    access: 'account',
    nav: true,
    person: 'clinical',
    load: () => import('../pages/health-records/health-records-page'),
    render: () => html`<health-records-page></health-records-page>`,
  },
  {
    path: '/billing',
    label: 'Billing',
    icon: 'billing',
    access: 'account',
    nav: true,
    person: 'account',
    load: () => import('../pages/billing/billing-page'),
    render: (practice) => html`<billing-page .practice=${practice}></billing-page>`,
  },
  {
    path: '/family-access',
    label: 'Family access',
    icon: 'family-access',
    access: 'account',
    nav: true,
    load: () => import('../pages/family-access/family-access-page'),
    render: (practice) => html`<family-access-page .practice=${practice}></family-access-page>`,
  },
  {
    path: '/profile',
    label: 'Profile',
    icon: 'profile',
    access: 'account',
    nav: true,
    load: () => import('../pages/profile/profile-page'),
    render: (practice) => html`<profile-page .practice=${practice}></profile-page>`,
  },
  {
    path: '/help',
    label: 'Help',
    icon: 'help',
    access: 'public',
    nav: true,
    load: () => import('../pages/help/help-page'),
    render: (practice) => html`<help-page .practice=${practice}></help-page>`,
  },
  {
    path: '/activity',
    label: 'Activity history',
    icon: 'profile',
    access: 'account',
    nav: false,
    load: () => import('../pages/activity/activity-page'),
    render: (practice) => html`<activity-page .practice=${practice}></activity-page>`,
  },
  {
    // The practice's side of secure messages: staff accounts only (others get a sentence).
    path: '/practice/inbox',
    label: 'Practice inbox',
    icon: 'messages',
    access: 'account',
    nav: false,
    load: () => import('../pages/practice-inbox/practice-inbox-page'),
    render: (practice) => html`<practice-inbox-page .practice=${practice}></practice-inbox-page>`,
  },
  {
    path: '/sign-in',
    label: 'Sign in',
    icon: 'profile',
    access: 'guest',
    nav: false,
    load: () => import('../pages/sign-in/sign-in-page'),
    render: () => html`<sign-in-page></sign-in-page>`,
  },
  {
    path: '/sign-up',
    label: 'Sign up today',
    icon: 'profile',
    access: 'guest',
    nav: false,
    load: () => import('../pages/sign-up/sign-up-page'),
    render: () => html`<sign-up-page></sign-up-page>`,
  },
  {
    path: '/sign-up/patient',
    label: 'Sign up as a patient',
    icon: 'profile',
    access: 'guest',
    nav: false,
    load: () => import('../pages/sign-up-patient/sign-up-patient-page'),
    render: (practice) => html`<sign-up-patient-page .practice=${practice}></sign-up-patient-page>`,
  },
  {
    path: '/sign-up/family-member',
    label: 'Sign up as a family member',
    icon: 'family-access',
    access: 'guest',
    nav: false,
    load: () => import('../pages/sign-up-family/sign-up-family-page'),
    render: (practice) => html`<sign-up-family-page .practice=${practice}></sign-up-family-page>`,
  },
  {
    // From the invitation e-mail: open to everyone, so a signed-out invitee sees who invites them.
    path: '/family/accept',
    label: 'Family access invitation',
    icon: 'family-access',
    access: 'public',
    nav: false,
    load: () => import('../pages/family-accept/family-accept-page'),
    render: (practice) => html`<family-accept-page .practice=${practice}></family-accept-page>`,
  },
  {
    path: '/confirm-email',
    label: 'Confirm your e-mail',
    icon: 'messages',
    access: 'guest',
    nav: false,
    load: () => import('../pages/confirm-email/confirm-email-page'),
    render: () => html`<confirm-email-page></confirm-email-page>`,
  },
  {
    path: '/security-setup',
    label: 'Your security option',
    icon: 'profile',
    access: 'account',
    nav: false,
    load: () => import('../pages/security-setup/security-setup-page'),
    render: () => html`<security-setup-page></security-setup-page>`,
  },
  {
    path: '/welcome',
    label: 'Welcome',
    icon: 'home',
    access: 'account',
    nav: false,
    load: () => import('../pages/welcome/welcome-page'),
    render: (practice) => html`<welcome-page .practice=${practice}></welcome-page>`,
  },
  {
    path: '/forgot-password',
    label: 'Forgot your password?',
    icon: 'profile',
    access: 'public',
    nav: false,
    load: () => import('../pages/forgot-password/forgot-password-page'),
    render: () => html`<forgot-password-page></forgot-password-page>`,
  },
  {
    path: '/reset-password',
    label: 'Reset Password',
    icon: 'profile',
    access: 'public',
    nav: false,
    load: () => import('../pages/reset-password/reset-password-page'),
    render: () => html`<reset-password-page></reset-password-page>`,
  },
];

export const navRoutes = routes.filter((route) => route.nav);

export const notFoundRoute: Route = {
  path: '',
  label: 'Page not found',
  icon: 'help',
  access: 'public',
  nav: false,
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

/** Where sign-in sends someone who tried to open `path`: the path only, never anything personal. */
export const signInHref = (path: string): string => (path === '/' ? '/sign-in' : `/sign-in?next=${path}`);

/** The ?next= target if it is one of our own signed-in or public pages; Home otherwise. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next === null || !next.startsWith('/') || next.startsWith('//')) return '/';
  const route = findRoute(next);
  return route && route.access !== 'guest' ? route.path : '/';
}
