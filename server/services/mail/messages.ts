// The portal's e-mails, each with a plain-text and an HTML part and the practice's name. They carry
// codes, links and account notices only: never health information. The one exception is the
// health record a user chose to send by e-mail after being told e-mail is not encrypted: it rides
// as an attachment, and even then the message's own words name no one and no condition.
import type { GrantLevel } from '../../../core/family';
import type { PracticeInfo } from '../../../core/practice';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Paragraphs in, both parts out; `code` and `link` are set apart so they are easy to find. */
function compose(
  practice: PracticeInfo,
  subject: string,
  parts: { paragraphs: string[]; code?: string; link?: { url: string; label: string }; after?: string[] },
): MailContent {
  const footer = `This message was sent by ${practice.name}. Questions? Call ${practice.supportPhone} (${practice.supportHours}).`;
  const text = [
    practice.name,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(parts.code ? [`    ${parts.code}`, ''] : []),
    ...(parts.link ? [`${parts.link.label}: ${parts.link.url}`, ''] : []),
    ...(parts.after ?? []).flatMap((p) => [p, '']),
    '--',
    footer,
  ].join('\n');
  const p = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">',
    `<h1 style="font-size: 1.25rem">${escapeHtml(practice.name)}</h1>`,
    ...parts.paragraphs.map(p),
    parts.code
      ? `<p style="font-size: 1.5rem; letter-spacing: 0.2em"><strong>${escapeHtml(parts.code)}</strong></p>`
      : '',
    parts.link ? `<p><a href="${escapeHtml(parts.link.url)}">${escapeHtml(parts.link.label)}</a></p>` : '',
    ...(parts.after ?? []).map(p),
    `<hr><p style="font-size: 0.875rem">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `${subject} – ${practice.name}`, text, html };
}

/** What a family member's access level gives, in the words of Family access settings. */
const ACCESS_WORDS: Record<GrantLevel, string> = {
  full: 'Full access (the health record, billing, and messages with providers on the patient’s behalf)',
  billing: 'Billing only access (billing statements and billing messages)',
};

export interface PasscodeMail {
  requesterName: string;
  relationship: string;
  passcode: string;
  hours: number;
  /** What handing over the passcode gives. */
  level: GrantLevel;
  /** Set when the patient has no account: the mail went to the address on their record. */
  withoutAccount?: { patientName: string } | undefined;
}

export interface InvitationMail {
  inviterName: string;
  relationship: string;
  access: GrantLevel;
  url: string;
  days: number;
}

/** The passcode mail for a patient without an account, at the address on their record (maybe shared). */
function familyPasscodeWithoutAccount(practice: PracticeInfo, m: PasscodeMail, patientName: string) {
  return compose(practice, 'A family member asked for access to a health record', {
    paragraphs: [
      `${m.requesterName} (${m.relationship}) asked for access to the health record of ${patientName} on the ${practice.name} patient portal. This is the e-mail address on ${patientName}’s record; ${patientName} has no portal account.`,
      `If ${patientName} agrees, give them this temporary passcode. By giving it to them, ${patientName} consents to their having ${ACCESS_WORDS[m.level]} to the record.`,
    ],
    code: m.passcode,
    after: [
      `The passcode works once, for ${m.hours} hours. If ${patientName} does not want them to have access, do not share the passcode and let it expire.`,
      `Once ${patientName} signs up for an account of their own, with an e-mail address of their own, they can change or remove the access in Family access settings.`,
      `If you do not know this person, call us at ${practice.supportPhone}.`,
    ],
  });
}

export const mails = {
  /**
   * "You have a new message", to the patient and to each family member who may read the thread. It
   * says nothing of whose record, who wrote or about what: an inbox may be shared, or read by others.
   */
  newMessage: (practice: PracticeInfo, m: { url: string }) =>
    compose(practice, 'You have a new message', {
      paragraphs: [
        `You have a new message in the ${practice.name} patient portal.`,
        'For your privacy, messages are never sent by e-mail: sign in to the portal to read it.',
      ],
      link: { url: m.url, label: 'Go to Messages' },
      after: [
        'You get this e-mail because "E-mail me when I have a new message" is on in your profile. You can turn it off there.',
      ],
    }),
  healthRecordLink: (practice: PracticeInfo, m: { url: string; days: number }) =>
    compose(practice, 'A health record is waiting for you', {
      paragraphs: [
        `A patient of ${practice.name}, or a family member acting for them, shared a copy of a health record with you through the practice's patient portal.`,
        `Open the link below and enter the code the sender gives you by phone or text (it is not in this e-mail). The link works once, for ${m.days} days.`,
      ],
      link: { url: m.url, label: 'Open the health record' },
      after: ['If you did not expect this message, you can ignore it: nothing opens without the code.'],
    }),
  healthRecord: (practice: PracticeInfo, m: { recipient: 'self' | 'provider' }) =>
    compose(practice, 'A health record sent through the patient portal', {
      paragraphs: [
        m.recipient === 'provider'
          ? `A patient of ${practice.name}, or a family member acting for them, sent you a copy of their health record through the practice's patient portal. It is attached as a .zip file: a Consolidated Clinical Summary (HL7 C-CDA R2.1) for your records system, the same summary as a web page to read, and a short README.`
          : `Here is the copy of a health record you sent yourself from the ${practice.name} patient portal. It is attached as a .zip file: the summary as a web page to read, the same summary as an HL7 C-CDA file for a provider's records system, and a short README.`,
        'The attachment is a medical record. E-mail is not encrypted: keep or forward it with care.',
      ],
      after: ['If you did not expect this message, delete it and its attachment.'],
    }),
  confirmationCode: (practice: PracticeInfo, code: string) =>
    compose(practice, 'Your confirmation code', {
      paragraphs: [
        `Thank you for signing up for the ${practice.name} patient portal. Enter this code to confirm your e-mail address:`,
      ],
      code,
      after: ['The code is valid for 30 minutes. If you did not sign up, you can ignore this message.'],
    }),

  addressInUse: (practice: PracticeInfo) =>
    compose(practice, 'About your sign-up', {
      paragraphs: [
        `Someone just tried to sign up for the ${practice.name} patient portal with this e-mail address, but it already belongs to a portal account.`,
        'Each e-mail address can have only one login. If two people share this address, pick one owner for it, and add the other person as a family member from that account, or sign up the other person with an e-mail address of their own.',
        'If this was you and you forgot your password, choose "Forgot your password?" on the sign-in page. If it was not you, you can ignore this message.',
      ],
    }),

  passwordReset: (practice: PracticeInfo, url: string) =>
    compose(practice, 'Reset your password', {
      paragraphs: ['We received a request to reset the password of your patient portal account.'],
      link: { url, label: 'Reset Password' },
      after: [
        'The link works once and for 30 minutes. If you did not ask for it, ignore this message: your password stays as it is.',
      ],
    }),

  emailChangeCode: (practice: PracticeInfo, code: string) =>
    compose(practice, 'Confirm your new e-mail address', {
      paragraphs: ['Enter this code in the portal to make this your account’s e-mail address:'],
      code,
      after: ['The code is valid for 30 minutes. If you did not ask for this change, ignore this message.'],
    }),

  emailChangeNotice: (practice: PracticeInfo) =>
    compose(practice, 'Your e-mail address is being changed', {
      paragraphs: [
        'Someone signed in to your patient portal account asked to change its e-mail address. The change takes effect only once the new address is confirmed.',
        `If this was not you, change your password now and call us at ${practice.supportPhone}.`,
      ],
    }),

  emailChangeRefused: (practice: PracticeInfo) =>
    compose(practice, 'About your e-mail change', {
      paragraphs: [
        'Someone asked to move a patient portal account to this e-mail address, but it already belongs to another portal account. Each address can have only one login, so nothing was changed.',
        'If you share this address with a family member, add them as a family member instead.',
      ],
    }),

  passwordChanged: (practice: PracticeInfo) =>
    compose(practice, 'Your password was changed', {
      paragraphs: [
        'The password of your patient portal account was just changed, and other devices were signed out.',
        `If this was not you, choose "Forgot your password?" on the sign-in page right away and call us at ${practice.supportPhone}.`,
      ],
    }),

  familyPasscode: (practice: PracticeInfo, m: PasscodeMail) =>
    m.withoutAccount
      ? familyPasscodeWithoutAccount(practice, m, m.withoutAccount.patientName)
      : compose(practice, 'A family member asked for access to your account', {
          paragraphs: [
            `${m.requesterName} (${m.relationship}) asked for access to your ${practice.name} patient portal account.`,
            `If you agree, give them this temporary passcode. By giving it to them, you consent to their having ${ACCESS_WORDS[m.level]} to your account.`,
            ...(m.level === 'billing'
              ? ['You can give them Full access later, or take it back, in Family access settings.']
              : []),
          ],
          code: m.passcode,
          after: [
            `The passcode works once, for ${m.hours} hours.`,
            'If you do not want them to have access, do not share the passcode. You can decline the request in Family access settings, in the profile menu of the portal, or let it expire.',
            `If you do not know this person, call us at ${practice.supportPhone}.`,
          ],
        }),

  familyInvitation: (practice: PracticeInfo, m: InvitationMail) =>
    compose(practice, 'You are invited to family access', {
      paragraphs: [
        `${m.inviterName} invited you, as their ${m.relationship.toLowerCase()}, to ${ACCESS_WORDS[m.access]} to their ${practice.name} patient portal account.`,
        'Open the link, sign in (or create an account if you do not have one), and accept the invitation.',
      ],
      link: { url: m.url, label: 'Accept the invitation' },
      after: [
        `The link works once and for ${m.days} days. If you did not expect this invitation, you can ignore this message.`,
      ],
    }),

  /**
   * To the address a family member gave when creating their account from an access request: the
   * code that confirms it. It names the requester (as they typed their name) but never the patient:
   * the address is not confirmed yet, so this may reach a stranger.
   */
  familyAccountCode: (practice: PracticeInfo, m: { requesterName: string; code: string; minutes: number }) =>
    compose(practice, 'Confirm your e-mail address for family access', {
      paragraphs: [
        `${m.requesterName} asked to create a family member account on the ${practice.name} patient portal with this e-mail address, to have access to the record of a patient who agreed to it.`,
        'To confirm that this address is theirs, enter this code in the portal:',
      ],
      code: m.code,
      after: [
        `The code works once, for ${m.minutes} minutes. The account is created only when the code is entered.`,
        'If this was not you, ignore this message: without the code, no account is created. Someone may have typed your address by mistake.',
      ],
    }),
};
