// The family-access feature's problem+json answers, worded for the patients and family members
// who read them. Not-found answers never tell whether something exists for someone else.
import { COPPA_EXPLANATION } from '../../../core/ages';
import { FAMILY_PROBLEM_TYPES } from '../../../core/family';
import { PROBLEM_TYPES, type Problem } from '../../../core/problem';

export const familyProblems = {
  notThePatient: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.notThePatient,
    title: 'Only the patient can change this',
    status: 403,
    detail: 'Family access to a record is managed by the patient whose record it is.',
  }),
  grantNotFound: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no family access with this id on your record.',
  }),
  invitationNotFound: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no pending invitation with this id.',
  }),
  requestNotFound: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no pending request with this id on your record.',
  }),
  invitationLinkUnknown: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'This invitation link is not valid',
    status: 404,
    detail: 'Check that you opened the whole link from the e-mail, or ask the patient to invite you again.',
  }),
  invitationGone: (): Problem => ({
    type: PROBLEM_TYPES.expired,
    title: 'This invitation can no longer be used',
    status: 410,
    detail: 'It has expired, was already used or was cancelled. Ask the patient to invite you again.',
  }),
  requestGone: (): Problem => ({
    type: PROBLEM_TYPES.expired,
    title: 'This request can no longer be used',
    status: 410,
    detail:
      'It has expired, was already used or was declined. You can ask for access again; a new passcode will go to the patient.',
  }),
  accountCodeGone: (): Problem => ({
    type: PROBLEM_TYPES.expired,
    title: 'This code can no longer be used',
    status: 410,
    detail:
      'It has expired, was replaced by a newer code, or was never sent. Check your details and choose "Create my account" again to get a new code.',
  }),
  wrongPasscode: (): Problem => ({
    type: PROBLEM_TYPES.wrongCode,
    title: 'That passcode is not right',
    status: 401,
    detail: 'Check the passcode the patient gave you and try again.',
  }),
  tooYoung: (): Problem => ({
    type: PROBLEM_TYPES.tooYoung,
    title: 'Family access to a child under 13 is set up by the office',
    status: 422,
    detail: `${COPPA_EXPLANATION} Please call the office: the practice links parents and legal guardians to a young child’s record.`,
  }),
  nothingToShare: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.nothingToShare,
    title: 'There is no patient record on this account',
    status: 422,
    detail: 'Family access shares a patient’s own record. This account belongs to a family member.',
  }),
  inviteYourself: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.notYourself,
    title: 'You cannot invite yourself',
    status: 422,
    detail: 'Enter the e-mail address of the family member you want to give access.',
    errors: { 'body.email': 'This is your own e-mail address.' },
  }),
  acceptOwnInvitation: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.notYourself,
    title: 'This is your own invitation',
    status: 422,
    detail:
      'The family member you invited accepts it from their own account. Send them the e-mail, or sign out first.',
  }),
  ownRecord: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.notYourself,
    title: 'This is your own record',
    status: 422,
    detail:
      'You already have your own record. Enter the details of the family member whose account you want to see.',
  }),
  staffAccount: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.notThePatient,
    title: 'Staff accounts cannot have family access',
    status: 403,
    detail: 'Sign in with a personal portal account.',
  }),
  confirmationNotNeeded: (): Problem => ({
    type: FAMILY_PROBLEM_TYPES.confirmationNotNeeded,
    title: 'Nothing to confirm',
    status: 422,
    detail: 'Confirming family access is needed only from your 18th birthday, for access set up before it.',
  }),
  emailHasAccount: (): Problem => ({
    type: PROBLEM_TYPES.alreadyRegistered,
    title: 'This e-mail address already has an account',
    status: 409,
    detail:
      'Each e-mail address has one login. Sign in with it, then enter the passcode again to get access from that account.',
  }),
  invitedAddressHasAccount: (): Problem => ({
    type: PROBLEM_TYPES.alreadyRegistered,
    title: 'This e-mail address already has an account',
    status: 409,
    detail: 'Each e-mail address has one login. Sign in with it, then accept the invitation.',
  }),
};
