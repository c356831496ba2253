// Typed calls to /api/auth and /api/me with the shapes of core/accounts.ts. Plain fetch for now:
// the server's routes are not in AppType yet; switch these bodies to apiClient() once they are.
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
import { type ApiOutcome, apiRequest, globalFetch } from './api-request';
import { session } from './session';

type Body<T extends z.ZodType> = z.input<T>;

const post = <T>(path: string, body?: unknown): Promise<ApiOutcome<T>> =>
  apiRequest<T>(globalFetch, path, { method: 'POST', body });

// ---- Signed out -------------------------------------------------------------------------------

export const signIn = (body: Body<typeof signInRequest>) =>
  post<SessionGranted | TwoStepRequired>('/api/auth/sign-in', body);
export const signInTwoStep = (body: Body<typeof twoStepRequest>) =>
  post<SessionGranted>('/api/auth/sign-in/two-step', body);
export const register = (body: Body<typeof registerPatientRequest>) =>
  post<RegisterAccepted>('/api/auth/register', body);
export const confirmRegistration = (body: Body<typeof confirmEmailRequest>) =>
  post<SessionGranted>('/api/auth/register/confirm', body);
export const forgotPassword = (email: string) =>
  post<{ status: 'check-your-email' }>('/api/auth/forgot', { email });
export const checkResetToken = (body: Body<typeof checkResetRequest>) =>
  post<ResetCheck>('/api/auth/reset/check', body);
export const resetPassword = (body: Body<typeof resetPasswordRequest>) =>
  post<SessionGranted>('/api/auth/reset', body);

// ---- Signed in (through the session: bearer token, one refresh on 401) ------------------------

export const startTotpSetup = () => session.request<TotpSetup>('/api/auth/security/totp', { method: 'POST' });
export const confirmTotp = (code: string) =>
  session.request<AccountSummary>('/api/auth/security/totp/confirm', { method: 'POST', body: { code } });
export const newRecoveryCodes = () =>
  session.request<RecoveryCodes>('/api/auth/security/recovery-codes', { method: 'POST' });

export const getProfile = () => session.request<Profile>('/api/me/profile');
export const patchProfile = (body: Body<typeof updateProfileRequest>, idempotencyKey?: string) =>
  session.request<Profile>('/api/me/profile', {
    method: 'PATCH',
    body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
export const changeEmail = (newEmail: string) =>
  session.request<null>('/api/me/email', { method: 'POST', body: { newEmail } });
export const confirmEmailChange = (code: string) =>
  session.request<Profile>('/api/me/email/confirm', { method: 'POST', body: { code } });
/** Enters the password again before a sensitive change (replacing the security option). */
export const confirmPassword = (password: string) =>
  session.request<null>('/api/auth/confirm-password', { method: 'POST', body: { password } });
export const changePassword = (body: Body<typeof changePasswordRequest>) =>
  session.request<null>('/api/me/password', { method: 'POST', body });
export const setTwoStep = (enabled: boolean) =>
  session.request<AccountSummary>('/api/me/two-step', { method: 'PUT', body: { enabled } });
export const listSessions = () => session.request<DeviceSession[]>('/api/me/sessions');
export const endSession = (id: string) =>
  session.request<null>(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
/** The account's own activity history, or (with `patientId`) that of a person it has Full access to. */
export const listActivity = (range: { from?: string; to?: string }, patientId?: string) => {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  const search = query.toString();
  const path = patientId ? `/api/patients/${encodeURIComponent(patientId)}/activity` : '/api/me/activity';
  return session.request<{ events: ActivityEvent[] }>(`${path}${search ? `?${search}` : ''}`);
};
