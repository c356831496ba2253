// How each destination of routes.ts is loaded and shown. Every page is its own chunk (dynamic
// import), so the shell stays small and pages arrive when first visited. Only the shell reads this.
import { html, type TemplateResult } from 'lit';
import type { PracticeInfo } from '../../core/practice';
import type { Route } from './routes';

export interface View {
  load: () => Promise<unknown>;
  render: (practice: PracticeInfo | null) => TemplateResult;
}

/** By route path; routes.test.ts checks that every route has one. */
export const VIEWS: Readonly<Record<string, View>> = {
  '/': {
    load: () => import('../pages/home/home-page'),
    render: (practice) => html`<home-page .practice=${practice}></home-page>`,
  },
  '/messages': {
    load: () => import('../pages/messages/messages-page'),
    render: () => html`<messages-page></messages-page>`,
  },
  '/my-health': {
    load: () => import('../pages/my-health/my-health-page'),
    render: (practice) => html`<my-health-page .practice=${practice}></my-health-page>`,
  },
  '/health-records': {
    load: () => import('../pages/health-records/health-records-page'),
    render: (practice) => html`<health-records-page .practice=${practice}></health-records-page>`,
  },
  '/billing': {
    load: () => import('../pages/billing/billing-page'),
    render: (practice) => html`<billing-page .practice=${practice}></billing-page>`,
  },
  '/family-access': {
    load: () => import('../pages/family/access/family-access-page'),
    render: (practice) => html`<family-access-page .practice=${practice}></family-access-page>`,
  },
  '/profile': {
    load: () => import('../pages/profile/profile-page'),
    render: (practice) => html`<profile-page .practice=${practice}></profile-page>`,
  },
  '/help': {
    load: () => import('../pages/help/help-page'),
    render: (practice) => html`<help-page .practice=${practice}></help-page>`,
  },
  '/activity': {
    load: () => import('../pages/activity/activity-page'),
    render: (practice) => html`<activity-page .practice=${practice}></activity-page>`,
  },
  '/sign-in': {
    load: () => import('../pages/sign-in/sign-in-page'),
    render: () => html`<sign-in-page></sign-in-page>`,
  },
  '/sign-up': {
    load: () => import('../pages/sign-up/sign-up-page'),
    render: () => html`<sign-up-page></sign-up-page>`,
  },
  '/sign-up/patient': {
    load: () => import('../pages/sign-up-patient/sign-up-patient-page'),
    render: (practice) => html`<sign-up-patient-page .practice=${practice}></sign-up-patient-page>`,
  },
  '/sign-up/family-member': {
    load: () => import('../pages/family/sign-up/sign-up-family-page'),
    render: (practice) => html`<sign-up-family-page .practice=${practice}></sign-up-family-page>`,
  },
  '/confirm-email': {
    load: () => import('../pages/confirm-email/confirm-email-page'),
    render: () => html`<confirm-email-page></confirm-email-page>`,
  },
  '/security-setup': {
    load: () => import('../pages/security-setup/security-setup-page'),
    render: () => html`<security-setup-page></security-setup-page>`,
  },
  '/welcome': {
    load: () => import('../pages/welcome/welcome-page'),
    render: (practice) => html`<welcome-page .practice=${practice}></welcome-page>`,
  },
  '/forgot-password': {
    load: () => import('../pages/forgot-password/forgot-password-page'),
    render: () => html`<forgot-password-page></forgot-password-page>`,
  },
  '/reset-password': {
    load: () => import('../pages/reset-password/reset-password-page'),
    render: () => html`<reset-password-page></reset-password-page>`,
  },
  '/practice/inbox': {
    load: () => import('../pages/practice-inbox/practice-inbox-page'),
    render: (practice) => html`<practice-inbox-page .practice=${practice}></practice-inbox-page>`,
  },
  '/records/shared': {
    load: () => import('../pages/shared-record/shared-record-page'),
    render: () => html`<shared-record-page></shared-record-page>`,
  },
  '/family/accept': {
    load: () => import('../pages/family/accept/family-accept-page'),
    render: (practice) => html`<family-accept-page .practice=${practice}></family-accept-page>`,
  },
};

export const notFoundView: View = {
  load: () => import('../pages/not-found/not-found-page'),
  render: () => html`<not-found-page></not-found-page>`,
};

export const viewOf = (route: Route): View => VIEWS[route.path] ?? notFoundView;
