// The card-number rule of secure messages: the test numbers of the card networks are caught however
// a person types them, and the numbers a patient's message really holds (phones, dates, record
// numbers, order numbers) are not. Also the request schemas that carry the rule.
import { describe, expect, it } from 'vitest';
import {
  CARD_NUMBER_MESSAGE,
  containsCardNumber,
  MAX_MESSAGE_CHARS,
  newMessageRequest,
  replyRequest,
} from './messages';

describe('containsCardNumber', () => {
  it.each([
    ['Visa, in groups of four', 'My card is 4111 1111 1111 1111, can you charge it?'],
    ['Mastercard, with dashes', 'Use 5500-0000-0000-0004 please'],
    ['Visa, with dots', 'It is 4111.1111.1111.1111'],
    ['Visa, with two spaces', 'It is 4111  1111 1111 1111'],
    ['Visa, with no-break spaces pasted', 'It is 4111\u00a01111\u00a01111\u00a01111'],
    ['Visa, over two lines', 'It is 4111 1111\n1111 1111'],
    ['Visa, in full-width digits', 'It is ４１１１１１１１１１１１１１１１'],
    ['Visa in one piece', '4242424242424242'],
    ['Mastercard 2-series', 'card 2223 0031 2200 3222'],
    ['American Express, 4-6-5', 'Amex 3782 822463 10005'],
    ['American Express in one piece', '371449635398431'],
    ['Discover', '6011 1111 1111 1117 exp 12/27'],
    ['Diners Club, 4-6-4', '3056 930902 5904'],
    ['13-digit Visa', 'old card 4222222222222'],
    ['19-digit Visa', '4000 0000 0000 0000 006'],
    ['with the expiry right after it', '4111 1111 1111 1111 12 27'],
    ['with the security code after a dash', '5500-0000-0000-0004-123'],
    ['inside a sentence, without spaces around', 'number:4111111111111111.'],
  ])('catches %s', (_label, text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    ['phone numbers', 'Call me at 217-555-0100 or (217) 555-0101, or 217 555 0102 217 555 0103'],
    ['international phone numbers', 'My number abroad is +44 20 7946 0958 and +1 217 555 0100'],
    ['dates', 'Seen on 2024-01-15 2024-02-20 and 03/10/2026; born 1985-07-04'],
    ['record numbers', 'MRN RB-100202, account 100203-100204, claim 12345678'],
    ['a 16-digit number failing Luhn', 'Reference 4111 1111 1111 1112'],
    ['a 16-digit number failing Luhn, in one piece', '5500000000000005'],
    ['long numbers starting with a digit no card network uses', '9400 1000 0000 0000 0000 00 tracking'],
    ['short digit strings', 'Take 2 tablets 3 times a day for 10 days; 120/80 mmHg'],
    ['no digits at all', 'Could Dr. Haddad call me back about the results?'],
  ])('leaves %s alone', (_label, text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('answers quickly even for a long run of digits and separators', () => {
    const started = performance.now();
    expect(containsCardNumber('1 '.repeat(MAX_MESSAGE_CHARS))).toBe(false);
    expect(containsCardNumber('9'.repeat(MAX_MESSAGE_CHARS))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('message request schemas', () => {
  it('refuses a body with a card number, with the words the patient sees', () => {
    const result = replyRequest.safeParse({ body: 'Please charge 4111 1111 1111 1111' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([CARD_NUMBER_MESSAGE]);
  });

  it(`takes up to ${MAX_MESSAGE_CHARS} characters`, () => {
    expect(replyRequest.safeParse({ body: 'a'.repeat(MAX_MESSAGE_CHARS) }).success).toBe(true);
    expect(replyRequest.safeParse({ body: 'a'.repeat(MAX_MESSAGE_CHARS + 1) }).success).toBe(false);
    expect(replyRequest.safeParse({ body: '   ' }).success).toBe(false);
  });

  it('asks a care subject for a provider and office, and a billing subject for neither', () => {
    const paths = (value: unknown) =>
      newMessageRequest.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ subject: 'medical-question', body: 'Hello' })).toEqual(['providerId', 'locationId']);
    expect(paths({ subject: 'medical-question', providerId: 'p1', locationId: 'l1', body: 'Hello' })).toEqual(
      [],
    );
    expect(paths({ subject: 'billing-question', body: 'Hello' })).toEqual([]);
    expect(paths({ subject: 'billing-question', providerId: 'p1', body: 'Hello' })).toEqual(['providerId']);
    expect(paths({ subject: 'gossip', body: 'Hello' })).toEqual(['subject']);
  });
});
