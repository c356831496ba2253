// The API's paths, in one table for the app, the service worker and the tests: no other client
// module writes an '/api/' path (scripts/api-paths.test.ts checks that), and every path here is a
// route of the real server (server/routes/api-paths.test.ts checks that). Ids are encoded here, once.
// Free of zod and of server code, so it costs the shell nothing.
import { billingPath } from './billing';
import {
  attachmentPath,
  messagesPath,
  recipientsPath,
  repliesPath,
  staffAttachmentPath,
  staffInboxPath,
  staffRepliesPath,
  threadReadPath,
  uploadChunkPath,
  uploadPath,
} from './message-paths';
import { changesPath, PEOPLE_PATH } from './records';

const id = (value: string): string => encodeURIComponent(value);

export const API = {
  practice: '/api/practice',
  health: '/api/health',
  auth: {
    signIn: '/api/auth/sign-in',
    signInTwoStep: '/api/auth/sign-in/two-step',
    register: '/api/auth/register',
    registerConfirm: '/api/auth/register/confirm',
    forgot: '/api/auth/forgot',
    resetCheck: '/api/auth/reset/check',
    reset: '/api/auth/reset',
    refresh: '/api/auth/refresh',
    unlock: '/api/auth/unlock',
    confirmPassword: '/api/auth/confirm-password',
    signOut: '/api/auth/sign-out',
    signOutEverywhere: '/api/auth/sign-out-everywhere',
    totp: '/api/auth/security/totp',
    totpConfirm: '/api/auth/security/totp/confirm',
    recoveryCodes: '/api/auth/security/recovery-codes',
  },
  me: {
    profile: '/api/me/profile',
    email: '/api/me/email',
    emailConfirm: '/api/me/email/confirm',
    password: '/api/me/password',
    twoStep: '/api/me/two-step',
    sessions: '/api/me/sessions',
    session: (sessionId: string) => `/api/me/sessions/${id(sessionId)}`,
    activity: '/api/me/activity',
  },
  family: {
    settings: '/api/family',
    grant: (grantId: string) => `/api/family/grants/${id(grantId)}`,
    grantConfirm: (grantId: string) => `/api/family/grants/${id(grantId)}/confirm`,
    invitations: '/api/family/invitations',
    invitation: (invitationId: string) => `/api/family/invitations/${id(invitationId)}`,
    invitationCheck: '/api/family/invitations/check',
    invitationAccept: '/api/family/invitations/accept',
    invitationAccount: '/api/family/invitations/account',
    requests: '/api/family/requests',
    requestsMine: '/api/family/requests/mine',
    requestPasscode: (requestId: string) => `/api/family/requests/${id(requestId)}/passcode`,
    requestAccount: (requestId: string) => `/api/family/requests/${id(requestId)}/account`,
    requestAccountConfirm: (requestId: string) => `/api/family/requests/${id(requestId)}/account/confirm`,
    requestDecline: (requestId: string) => `/api/family/requests/${id(requestId)}/decline`,
  },
  patients: {
    list: PEOPLE_PATH,
    changes: changesPath,
    billing: billingPath,
    activity: (patientId: string) => `/api/patients/${id(patientId)}/activity`,
    healthRecordEvents: (patientId: string) => `/api/patients/${id(patientId)}/health-record/events`,
    healthRecordEmail: (patientId: string) => `/api/patients/${id(patientId)}/health-record/email`,
    healthRecordLinks: (patientId: string) => `/api/patients/${id(patientId)}/health-record/links`,
    messages: messagesPath,
    recipients: recipientsPath,
    replies: repliesPath,
    read: threadReadPath,
    attachment: attachmentPath,
  },
  staff: {
    inbox: staffInboxPath,
    replies: staffRepliesPath,
    attachment: staffAttachmentPath,
  },
  uploads: {
    status: uploadPath,
    chunk: uploadChunkPath,
  },
  sharedRecords: {
    open: '/api/shared-records/open',
  },
  push: {
    key: '/api/push/key',
    subscriptions: '/api/push/subscriptions',
  },
  outbox: {
    key: '/api/outbox/key',
    replay: '/api/outbox/replay',
  },
} as const;
