// Answers to the questions patients ask most, in plain words, shown as expandable items.
import { html, type TemplateResult } from 'lit';

interface Faq {
  question: string;
  answer: TemplateResult;
}

export const faqs: readonly Faq[] = [
  {
    question: 'We share one e-mail address. Can we keep our records separate?',
    answer: html`<p>
      Yes, but each of you then needs an e-mail address of your own for the portal. Every account signs in with
      its own e-mail address and password, and each person sees only their own health information.
    </p>`,
  },
  {
    question: 'Can two of us use the portal with the same e-mail address?',
    answer: html`<p>
      Yes. Choose one person to own the account with that e-mail address, and have the owner add the other person
      as a family member. Whoever signs in as the owner can then see both people's records.
    </p>`,
  },
  {
    question: 'Can I take away someone’s access to my account?',
    answer: html`<p>
      Yes, at any time. Open <a href="/family-access">Family access settings</a> and remove the person, or change
      their access level between Full and Billing only.
    </p>`,
  },
  {
    question: 'My child is a patient. Do I sign up as a patient or as a family member?',
    answer: html`<p>
        As a family member: sign up for your own account ("Sign up today", then "Patient's family
        member", or as a patient if you are one yourself). Children under 13 can't have their own portal
        account, and no one can register or invite a user under 13: that follows the Children's Online
        Privacy Protection Act (COPPA). So for a child under 13 the office links you to your child's record:
        ask at the front desk, and your child then appears in your account with Full access.
      </p>
      <p>
        From age 13 a family member's access changes to Billing only, unless the teen grants Full access. Teens
        aged 13 to 17 can have their own account with an enrollment code from the office; from 18, patients sign up
        online themselves.
      </p>`,
  },
  {
    question: 'What kinds of documents will I find in the portal?',
    answer: html`<ul>
      <li>Care summaries from your visits</li>
      <li>Letters your providers signed for you</li>
      <li>Lab results</li>
      <li>Imaging and other diagnostic results</li>
      <li>Patient cases</li>
      <li>Health reminders</li>
    </ul>`,
  },
  {
    question: 'Does the portal work without an internet connection?',
    answer: html`<p>
      Yes, for what is already saved on your device. The header shows “Offline” when you have no connection; pages
      you have opened before still work, and the app catches up when you are back online.
    </p>`,
  },
];
