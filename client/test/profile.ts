// Test helper: a filled-in profile as the server would answer GET /api/me/profile.
import type { Profile } from '../../core/accounts';

export const TEST_PROFILE: Profile = {
  preferredName: 'Ana',
  address: { line1: '12 Oak Street', line2: '', city: 'Riverbend', state: 'IL', zip: '60901' },
  mobilePhone: '(555) 010-1234',
  homePhone: '',
  preferredLanguage: 'English',
  emergencyContact: { name: 'Luis López', relationship: 'Brother', phone: '(555) 010-9876' },
  notifications: { emailNewMessage: true, emailNewResult: true, emailReminders: false, textReminders: false },
  email: 'ana.lopez@example.com',
  pendingEmail: null,
  version: 3,
};
