// The app's destinations: path, name, icon and who may open each (views.ts says how each is loaded
// and shown). Data only, so pages may read it (Home's tiles, sign-in's ?next=) without an import
// circle through the pages' own chunks.
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
}

export const routes: readonly Route[] = [
  {
    path: '/',
    label: 'Home',
    icon: 'home',
    access: 'public',
    nav: true,
  },
  {
    path: '/messages',
    label: 'Messages',
    icon: 'messages',
    access: 'account',
    nav: true,
    person: 'account',
  },
  {
    path: '/my-health',
    label: 'My Health',
    icon: 'my-health',
    access: 'account',
    nav: true,
    person: 'clinical',
  },
  {
    path: '/health-records',
    label: 'Health Records',
    icon: 'health-records',
    access: 'account',
    nav: true,
    person: 'clinical',
  },
  {
    path: '/billing',
    label: 'Billing',
    icon: 'billing',
    access: 'account',
    nav: true,
    person: 'account',
  },
  {
    path: '/family-access',
    label: 'Family access',
    icon: 'family-access',
    access: 'account',
    nav: true,
  },
  {
    path: '/profile',
    label: 'Profile',
    icon: 'profile',
    access: 'account',
    nav: true,
  },
  {
    path: '/help',
    label: 'Help',
    icon: 'help',
    access: 'public',
    nav: true,
  },
  {
    path: '/activity',
    label: 'Activity history',
    icon: 'profile',
    access: 'account',
    nav: false,
  },
  {
    // The practice's side of secure messages: staff accounts only (others get a sentence).
    path: '/practice/inbox',
    label: 'Practice inbox',
    icon: 'messages',
    access: 'account',
    nav: false,
  },
  {
    path: '/sign-in',
    label: 'Sign in',
    icon: 'profile',
    access: 'guest',
    nav: false,
  },
  {
    path: '/sign-up',
    label: 'Sign up today',
    icon: 'profile',
    access: 'guest',
    nav: false,
  },
  {
    path: '/sign-up/patient',
    label: 'Sign up as a patient',
    icon: 'profile',
    access: 'guest',
    nav: false,
  },
  {
    path: '/sign-up/family-member',
    label: 'Sign up as a family member',
    icon: 'family-access',
    access: 'guest',
    nav: false,
  },
  {
    // From a secure link's e-mail: the recipient has no account; the link and a code open it.
    path: '/records/shared',
    label: 'A shared health record',
    icon: 'health-records',
    access: 'public',
    nav: false,
  },
  {
    // From the invitation e-mail: open to everyone, so a signed-out invitee sees who invites them.
    path: '/family/accept',
    label: 'Family access invitation',
    icon: 'family-access',
    access: 'public',
    nav: false,
  },
  {
    path: '/confirm-email',
    label: 'Confirm your e-mail',
    icon: 'messages',
    access: 'guest',
    nav: false,
  },
  {
    path: '/security-setup',
    label: 'Your security option',
    icon: 'profile',
    access: 'account',
    nav: false,
  },
  {
    path: '/welcome',
    label: 'Welcome',
    icon: 'home',
    access: 'account',
    nav: false,
  },
  {
    path: '/forgot-password',
    label: 'Forgot your password?',
    icon: 'profile',
    access: 'public',
    nav: false,
  },
  {
    path: '/reset-password',
    label: 'Reset Password',
    icon: 'profile',
    access: 'public',
    nav: false,
  },
];

export const navRoutes = routes.filter((route) => route.nav);

export const notFoundRoute: Route = {
  path: '',
  label: 'Page not found',
  icon: 'help',
  access: 'public',
  nav: false,
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
