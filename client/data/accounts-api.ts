// Typed calls to /api/auth and /api/me with the shapes of core/accounts.ts, at the paths of
// core/api-paths.ts.

import type { z } from 'zod';
import type {
  AccountSummary,
  ActivityEvent,
  changePasswordRequest,
  checkResetRequest,
  confirmEmailRequest,
  DeviceSession,
  Profile,
  RecoveryCodes,
  RegisterAccepted,
  ResetCheck,
  registerPatientRequest,
  resetPasswordRequest,
  SessionGranted,
  signInRequest,
  TotpSetup,
  TwoStepRequired,
  twoStepRequest,
  updateProfileRequest,
} from '../../core/accounts';
import { API } from '../../core/api-paths';
import { type ApiOutcome, apiRequest, globalFetch } from './api-request';
import { session } from './session';

type Body<T extends z.ZodType> = z.input<T>;

const post = <T>(path: string, body?: unknown): Promise<ApiOutcome<T>> =>
  apiRequest<T>(globalFetch, path, { method: 'POST', body });

// ---- Signed out -------------------------------------------------------------------------------

export const signIn = (body: Body<typeof signInRequest>) =>
  post<SessionGranted | TwoStepRequired>(API.auth.signIn, body);
export const signInTwoStep = (body: Body<typeof twoStepRequest>) =>
  post<SessionGranted>(API.auth.signInTwoStep, body);
export const register = (body: Body<typeof registerPatientRequest>) =>
  post<RegisterAccepted>(API.auth.register, body);
export const confirmRegistration = (body: Body<typeof confirmEmailRequest>) =>
  post<SessionGranted>(API.auth.registerConfirm, body);
export const forgotPassword = (email: string) =>
  post<{ status: 'check-your-email' }>(API.auth.forgot, { email });
export const checkResetToken = (body: Body<typeof checkResetRequest>) =>
  post<ResetCheck>(API.auth.resetCheck, body);
export const resetPassword = (body: Body<typeof resetPasswordRequest>) =>
  post<SessionGranted>(API.auth.reset, body);

// ---- Signed in (through the session: bearer token, one refresh on 401) ------------------------

export const startTotpSetup = () => session.request<TotpSetup>(API.auth.totp, { method: 'POST' });
export const confirmTotp = (code: string) =>
  session.request<AccountSummary>(API.auth.totpConfirm, { method: 'POST', body: { code } });
export const newRecoveryCodes = () =>
  session.request<RecoveryCodes>(API.auth.recoveryCodes, { method: 'POST' });

export const getProfile = () => session.request<Profile>(API.me.profile);
export const patchProfile = (body: Body<typeof updateProfileRequest>, idempotencyKey?: string) =>
  session.request<Profile>(API.me.profile, {
    method: 'PATCH',
    body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
export const changeEmail = (newEmail: string) =>
  session.request<null>(API.me.email, { method: 'POST', body: { newEmail } });
export const confirmEmailChange = (code: string) =>
  session.request<Profile>(API.me.emailConfirm, { method: 'POST', body: { code } });
/** Enters the password again before a sensitive change (replacing the security option). */
export const confirmPassword = (password: string) =>
  session.request<null>(API.auth.confirmPassword, { method: 'POST', body: { password } });
export const changePassword = (body: Body<typeof changePasswordRequest>) =>
  session.request<null>(API.me.password, { method: 'POST', body });
export const setTwoStep = (enabled: boolean) =>
  session.request<AccountSummary>(API.me.twoStep, { method: 'PUT', body: { enabled } });
export const listSessions = () => session.request<DeviceSession[]>(API.me.sessions);
export const endSession = (id: string) => session.request<null>(API.me.session(id), { method: 'DELETE' });
/** The account's own activity history, or (with `patientId`) that of a person it has Full access to. */
export const listActivity = (range: { from?: string; to?: string }, patientId?: string) => {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  const search = query.toString();
  const path = patientId ? API.patients.activity(patientId) : API.me.activity;
  return session.request<{ events: ActivityEvent[] }>(`${path}${search ? `?${search}` : ''}`);
};
