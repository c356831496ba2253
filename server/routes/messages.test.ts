// Secure messages through the HTTP API on the demo practice: Tobi (15) writes to the providers he
// has seen, a family member with Full access writes for him and is named as the author, his father
// Daniel (Billing only for Tobi) sees and writes billing only, and the care team answers from the
// practice's side. Bad input is a 4xx problem and stores nothing; the outbox's replays never double.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CARD_NUMBER_MESSAGE,
  MAX_MESSAGE_CHARS,
  MAX_MESSAGES_PER_THREAD,
  MAX_NEW_CONVERSATIONS_PER_DAY,
  MESSAGE_PROBLEM_TYPES,
  type MessageRecipients,
  type MessagesAnswer,
  type MessageView,
  messagesPath,
  recipientsPath,
  repliesPath,
  type StaffInboxAnswer,
  staffInboxPath,
  staffRepliesPath,
  type ThreadView,
  threadReadPath,
} from '../../core/messages';
import { PROBLEM_TYPES } from '../../core/problem';
import { RECORD_PROBLEM_TYPES } from '../../core/records';
import { insertPatientGrant, liveProxyAccessTo } from '../services/access/proxy-access';
import { type AccountRow, findAccountByEmail } from '../services/accounts/account-store';
import { DEMO_STAFF } from '../services/demo/accounts';
import { DEMO_THREAD_ID } from '../services/demo/conversation';
import { removeGrant } from '../services/family/manage-grants';
import { insertMessage } from '../services/messages/thread-store';
import { call, rowCounts } from '../test-support/accounts';
import {
  activityOf,
  appFrom,
  DEMO_EMAIL,
  type DemoName,
  demoSignIn,
  demoTemplate,
  jsonOf,
  problemOf,
  signIn,
} from '../test-support/family';
import type { TestApp } from '../test-support/test-app';

const TOBI = 'demo-teen-15';
const AMARA = 'demo-child-9';

let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  template = await demoTemplate();
});
beforeEach(async () => {
  t = await appFrom(template);
});
afterEach(() => t.cleanup());

const account = (email: string): AccountRow => findAccountByEmail(t.db, email)!;
const staffSignIn = () => signIn(t, DEMO_STAFF.email);

/** A POST as the client's outbox sends it: with an Idempotency-Key of its own unless one is given. */
const post = (path: string, token: string, body?: unknown, key: string = crypto.randomUUID()) =>
  call(t, 'POST', path, body, { token, headers: { 'idempotency-key': key } });
const get = (path: string, token: string) => call(t, 'GET', path, undefined, { token });

const listOf = async (token: string, patientId = TOBI) =>
  jsonOf<MessagesAnswer>(await get(messagesPath(patientId), token));
const recipientsOf = async (token: string, patientId = TOBI) =>
  jsonOf<MessageRecipients>(await get(recipientsPath(patientId), token));

/** A care message to the first provider Tobi has seen, at their first office. */
async function careMessage(token: string, body = 'My knee still hurts after the sprain. Should I come in?') {
  const [provider] = (await recipientsOf(await demoSignIn(t, 'tobi'))).providers;
  return {
    subject: 'medical-question',
    providerId: provider!.id,
    locationId: provider!.locations[0]!.id,
    body,
    token,
    provider: provider!,
  };
}

async function startCare(token: string, body?: string): Promise<ThreadView> {
  const { token: _t, provider: _p, ...request } = await careMessage(token, body);
  return jsonOf<ThreadView>(await post(messagesPath(TOBI), token, request), 201);
}

async function startBilling(
  token: string,
  body = 'Why does my last statement show $40 due?',
): Promise<ThreadView> {
  return jsonOf<ThreadView>(
    await post(messagesPath(TOBI), token, { subject: 'billing-question', body }),
    201,
  );
}

/** Tobi gives a demo person Full access (as an accepted invitation would) and returns their sign-in. */
async function fullAccessFor(who: DemoName): Promise<string> {
  insertPatientGrant(
    t.db,
    {
      accountId: account(DEMO_EMAIL[who]).id,
      patientId: TOBI,
      level: 'full',
      relationship: 'other',
      source: 'invitation',
      fullChosenAt: t.clock.now().toISOString(),
    },
    t.clock.now(),
  );
  return demoSignIn(t, who);
}

const messageRows = () => Number(t.db.prepare('SELECT count(*) FROM messages').pluck().get());

describe('the patient writes to the practice', () => {
  it('lists the providers the patient has seen, with their offices, and writes to one of them', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const recipients = await recipientsOf(tobi);
    expect(recipients.billingOffice).toBe(true);
    expect(recipients.providers.length).toBeGreaterThan(0);
    for (const provider of recipients.providers) {
      expect(provider.name).toMatch(/\S/);
      expect(provider.locations.length).toBeGreaterThan(0);
    }
    // Names come from the practice's directory, as the records show them.
    const names = t.db
      .prepare("SELECT json_extract(json, '$.name[0].family') FROM resources WHERE type = 'Practitioner'")
      .pluck()
      .all() as string[];
    expect(recipients.providers.every((p) => names.some((family) => p.name.includes(family)))).toBe(true);

    const { token: _t, provider, ...request } = await careMessage(tobi);
    const res = await post(messagesPath(TOBI), tobi, request);
    const thread = await jsonOf<ThreadView>(res, 201);
    expect(thread).toMatchObject({
      patientId: TOBI,
      topic: 'care',
      subject: 'medical-question',
      withName: provider.name,
      locationName: provider.locations[0]!.name,
      unread: false,
    });
    expect(thread.messages).toEqual([
      {
        id: expect.any(String),
        from: 'patient',
        authorName: 'Tobi Okafor',
        onBehalfOf: null,
        authorAccountId: account(DEMO_EMAIL.tobi).id,
        sentAt: t.clock.now().toISOString(),
        body: request.body,
        attachments: [],
      },
    ]);
    expect((await listOf(tobi)).threads.map((th) => th.id)).toEqual([thread.id]);

    t.clock.advance(60_000);
    const reply = await jsonOf<MessageView>(
      await post(repliesPath(TOBI, thread.id), tobi, { body: 'It is swollen again today.' }),
      201,
    );
    expect(reply).toMatchObject({ from: 'patient', authorName: 'Tobi Okafor', onBehalfOf: null });
    const [listed] = (await listOf(tobi)).threads;
    expect(listed?.messages.map((m) => m.body)).toEqual([request.body, 'It is swollen again today.']);
    expect(listed?.lastMessageAt).toBe(reply.sentAt);
  });

  it('lists threads newest activity first and writes a billing question to the billing office', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const care = await startCare(tobi);
    t.clock.advance(60_000);
    const billing = await startBilling(tobi);
    expect(billing).toMatchObject({ topic: 'billing', withName: 'Billing office', locationName: '' });
    expect((await listOf(tobi)).threads.map((th) => th.id)).toEqual([billing.id, care.id]);
    t.clock.advance(60_000);
    await jsonOf(await post(repliesPath(TOBI, care.id), tobi, { body: 'One more thing.' }), 201);
    expect((await listOf(tobi)).threads.map((th) => th.id)).toEqual([care.id, billing.id]);
  });

  it('refuses a provider or office the patient has not seen with 422 unknown-recipient', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const { token: _t, provider, ...request } = await careMessage(tobi);
    const unseen = t.db
      .prepare(
        "SELECT id FROM resources WHERE type = 'Practitioner' AND id NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
      )
      .pluck()
      .get(JSON.stringify([provider.id])) as string;
    const before = rowCounts(t);
    for (const [change, field] of [
      [{ providerId: unseen }, 'body.providerId'],
      [{ providerId: 'no-such-doctor' }, 'body.providerId'],
      [{ locationId: 'no-such-office' }, 'body.locationId'],
    ] as const) {
      const problem = await problemOf(await post(messagesPath(TOBI), tobi, { ...request, ...change }), 422);
      expect(problem.type).toBe(MESSAGE_PROBLEM_TYPES.unknownRecipient);
      expect(Object.keys(problem.errors ?? {})).toEqual([field]);
    }
    expect(rowCounts(t)).toEqual(before);
  });
});

describe('bad input', () => {
  it(`refuses more than ${MAX_MESSAGE_CHARS} characters and card numbers with 422, storing nothing`, async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startBilling(tobi);
    const before = rowCounts(t);
    const tooLong = await problemOf(
      await post(messagesPath(TOBI), tobi, {
        subject: 'billing-question',
        body: 'a'.repeat(MAX_MESSAGE_CHARS + 1),
      }),
      422,
    );
    expect(tooLong.type).toBe(PROBLEM_TYPES.invalidInput);
    expect(Object.keys(tooLong.errors ?? {})).toEqual(['body.body']);

    const card = 'Please charge my card 4111 1111 1111 1111, expiry 12/27.';
    for (const res of [
      await post(messagesPath(TOBI), tobi, { subject: 'billing-question', body: card }),
      await post(repliesPath(TOBI, thread.id), tobi, { body: card }),
    ]) {
      const problem = await problemOf(res, 422);
      expect(problem.errors).toEqual({ 'body.body': CARD_NUMBER_MESSAGE });
    }
    expect(rowCounts(t)).toEqual(before);
    const stored = t.db.prepare('SELECT body FROM messages').pluck().all() as string[];
    expect(stored.some((body) => body.includes('4111'))).toBe(false);
  });

  it('answers a body of the wrong shape, broken JSON or the wrong media type with problem+json', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startBilling(tobi);
    const before = rowCounts(t);
    const wrongTypes = await problemOf(
      await post(messagesPath(TOBI), tobi, { subject: 7, body: ['hi'] }),
      422,
    );
    expect(Object.keys(wrongTypes.errors ?? {}).sort()).toEqual(['body.body', 'body.subject']);
    expect((await problemOf(await post(repliesPath(TOBI, thread.id), tobi, null), 422)).type).toBe(
      PROBLEM_TYPES.invalidInput,
    );
    expect(
      (await problemOf(await post(messagesPath(TOBI), tobi, { subject: 'gossip', body: 'x' }), 422)).errors,
    ).toEqual({
      'body.subject': 'Choose a subject from the list.',
    });
    const broken = await t.app.request(messagesPath(TOBI), {
      method: 'POST',
      headers: { authorization: `Bearer ${tobi}`, 'content-type': 'application/json' },
      body: '{"subject": "billing-question", "body": ',
    });
    expect((await problemOf(broken, 400)).type).toBe(PROBLEM_TYPES.invalidJson);
    const plain = await t.app.request(repliesPath(TOBI, thread.id), {
      method: 'POST',
      headers: { authorization: `Bearer ${tobi}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect((await problemOf(plain, 415)).type).toBe(PROBLEM_TYPES.unsupportedMediaType);
    expect(rowCounts(t)).toEqual(before);
  });
});

describe('family members write on the patient’s behalf', () => {
  it('names the family member as the author and the patient as the one written for; the patient sees it', async () => {
    const jordan = await fullAccessFor('jordan');
    const thread = await startCare(jordan, 'Tobi asked me to write: his knee is swollen again.');
    expect(thread.messages[0]).toMatchObject({
      from: 'patient',
      authorName: 'Jordan Lee',
      onBehalfOf: 'Tobi Okafor',
      authorAccountId: account(DEMO_EMAIL.jordan).id,
    });
    expect(await recipientsOf(jordan)).toEqual(await recipientsOf(await demoSignIn(t, 'tobi')));

    const tobi = await demoSignIn(t, 'tobi');
    const [seen] = (await listOf(tobi)).threads;
    expect(seen?.id).toBe(thread.id);
    expect(seen?.messages[0]).toMatchObject({ authorName: 'Jordan Lee', onBehalfOf: 'Tobi Okafor' });

    // Tobi's activity history shows who wrote on his record.
    const sent = (await activityOf(t, tobi)).filter((e) => e.action === 'message-sent');
    expect(sent.map((e) => [e.actorName, e.actorAccountId, e.patientId])).toEqual([
      ['Jordan Lee', account(DEMO_EMAIL.jordan).id, TOBI],
    ]);
  });

  it('shows the demo conversation Daniel had for Amara, answered by the care team and not yet read', async () => {
    const daniel = await demoSignIn(t, 'daniel');
    const { threads } = await listOf(daniel, AMARA);
    expect(threads).toHaveLength(1);
    const [thread] = threads;
    expect(thread).toMatchObject({
      id: DEMO_THREAD_ID,
      topic: 'care',
      subject: 'medical-question',
      unread: true,
    });
    expect(thread?.messages.map((m) => [m.from, m.authorName, m.onBehalfOf])).toEqual([
      ['patient', 'Daniel Okafor', 'Amara Okafor'],
      ['practice', 'Care team', null],
    ]);
    const [provider] = (await recipientsOf(daniel, AMARA)).providers;
    expect(thread?.withName).toBe(provider?.name);
    expect((await post(threadReadPath(AMARA, DEMO_THREAD_ID), daniel, {})).status).toBe(204);
    expect((await listOf(daniel, AMARA)).threads[0]?.unread).toBe(false);
  });

  it('records a family member reading the messages once per ten quiet minutes, and the patient never', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    await startBilling(tobi);
    const jordan = await fullAccessFor('jordan');
    const viewed = () =>
      t.db
        .prepare(
          "SELECT account_id, actor_account_id, patient_id FROM audit_events WHERE action = 'messages-viewed'",
        )
        .all();
    await listOf(tobi);
    expect(viewed()).toEqual([]);
    await listOf(jordan);
    t.clock.advance(5 * 60_000);
    await listOf(jordan);
    expect(viewed()).toEqual([
      {
        account_id: account(DEMO_EMAIL.tobi).id,
        actor_account_id: account(DEMO_EMAIL.jordan).id,
        patient_id: TOBI,
      },
    ]);
    t.clock.advance(11 * 60_000);
    await listOf(await demoSignIn(t, 'jordan'));
    expect(viewed()).toHaveLength(2);
    const events = (await activityOf(t, await demoSignIn(t, 'tobi'))).filter(
      (e) => e.action === 'messages-viewed',
    );
    expect(events.map((e) => e.actorName)).toEqual(['Jordan Lee', 'Jordan Lee']);
  });

  it('gives Billing only the billing threads and the billing office: care is 403 to write and 404 to open', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const care = await startCare(tobi);
    const billing = await startBilling(tobi);
    const daniel = await demoSignIn(t, 'daniel');

    expect((await listOf(daniel)).threads.map((th) => th.id)).toEqual([billing.id]);
    expect(await recipientsOf(daniel)).toEqual({ providers: [], billingOffice: true });

    const question = await jsonOf<ThreadView>(
      await post(messagesPath(TOBI), daniel, { subject: 'insurance', body: 'Is Tobi still on my plan?' }),
      201,
    );
    expect(question.messages[0]).toMatchObject({ authorName: 'Daniel Okafor', onBehalfOf: 'Tobi Okafor' });
    expect(
      (
        await jsonOf<MessageView>(
          await post(repliesPath(TOBI, billing.id), daniel, { body: 'I can pay it.' }),
          201,
        )
      ).authorName,
    ).toBe('Daniel Okafor');

    const { token: _t, provider: _p, ...request } = await careMessage(daniel);
    const before = rowCounts(t);
    const refused = await problemOf(await post(messagesPath(TOBI), daniel, request), 403);
    expect(refused.type).toBe(RECORD_PROBLEM_TYPES.billingOnlyAccess);
    expect(
      await problemOf(await post(repliesPath(TOBI, care.id), daniel, { body: 'Hello' }), 404),
    ).toMatchObject({
      type: PROBLEM_TYPES.notFound,
    });
    await problemOf(await post(threadReadPath(TOBI, care.id), daniel, {}), 404);
    expect(rowCounts(t)).toEqual(before);
    // Tobi sees both of his father's messages.
    expect((await listOf(tobi)).threads.map((th) => th.id)).toEqual([question.id, billing.id, care.id]);
  });

  it('answers a family member whose access was removed with 404, as for any record out of reach', async () => {
    const jordan = await fullAccessFor('jordan');
    const thread = await startBilling(jordan);
    const tobiRow = account(DEMO_EMAIL.tobi);
    removeGrant(t.deps, tobiRow, liveProxyAccessTo(t.db, account(DEMO_EMAIL.jordan).id, TOBI)!.id, 'test');
    const before = rowCounts(t);
    for (const res of [
      await get(messagesPath(TOBI), jordan),
      await get(recipientsPath(TOBI), jordan),
      await post(messagesPath(TOBI), jordan, { subject: 'billing-question', body: 'Hello again' }),
      await post(repliesPath(TOBI, thread.id), jordan, { body: 'Hello again' }),
      await post(threadReadPath(TOBI, thread.id), jordan, {}),
    ])
      expect((await problemOf(res, 404)).type).toBe(PROBLEM_TYPES.notFound);
    expect(rowCounts(t)).toEqual(before);
  });

  it('answers a thread of another patient, or no thread at all, with 404', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const before = messageRows();
    // Amara's thread, asked for through Tobi's own record and through Amara's.
    await problemOf(await post(repliesPath(TOBI, DEMO_THREAD_ID), tobi, { body: 'Hi' }), 404);
    await problemOf(await post(threadReadPath(TOBI, DEMO_THREAD_ID), tobi, {}), 404);
    await problemOf(await post(repliesPath(AMARA, DEMO_THREAD_ID), tobi, { body: 'Hi' }), 404);
    await problemOf(await post(repliesPath(TOBI, crypto.randomUUID()), tobi, { body: 'Hi' }), 404);
    await problemOf(await get(messagesPath(AMARA), tobi), 404);
    expect(messageRows()).toBe(before);
  });

  it(`closes a thread at ${MAX_MESSAGES_PER_THREAD} messages with 409`, async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startBilling(tobi);
    for (let i = 1; i < MAX_MESSAGES_PER_THREAD - 1; i += 1)
      insertMessage(t.db, {
        id: `filler-${i}`,
        thread_id: thread.id,
        from_side: i % 2 === 0 ? 'patient' : 'practice',
        author_account_id: null,
        author_name: 'Filler',
        on_behalf_of: null,
        body: `message ${i}`,
        sent_at: t.clock.now().toISOString(),
      });
    expect((await post(repliesPath(TOBI, thread.id), tobi, { body: 'The last one.' })).status).toBe(201);
    const full = await problemOf(
      await post(repliesPath(TOBI, thread.id), tobi, { body: 'One too many.' }),
      409,
    );
    expect(full.type).toBe(MESSAGE_PROBLEM_TYPES.threadFull);
    const staff = await staffSignIn();
    await problemOf(await post(staffRepliesPath(thread.id), staff, { body: 'One too many.' }), 409);
    expect(messageRows()).toBe(2 + MAX_MESSAGES_PER_THREAD);
  });
});

describe('the practice answers', () => {
  it('lets one account start at most 20 conversations a day, then says when it can start the next', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const first = await startBilling(tobi, 'Question 1');
    for (let i = 2; i <= MAX_NEW_CONVERSATIONS_PER_DAY; i += 1) {
      t.clock.advance(10_000);
      await startBilling(tobi, `Question ${i}`);
    }
    t.clock.advance(10_000);
    const refused = await post(messagesPath(TOBI), tobi, { subject: 'billing-question', body: 'One more' });
    await problemOf(refused, 429);
    // The first conversation was started 200 seconds ago: the next is possible a day after it.
    expect(Number(refused.headers.get('retry-after'))).toBe(24 * 3600 - 200);
    // Replies in existing conversations are not limited.
    await jsonOf<MessageView>(await post(repliesPath(TOBI, first.id), tobi, { body: 'Any news?' }), 201);
    t.clock.advance((24 * 3600 - 200) * 1000);
    await startBilling(await demoSignIn(t, 'tobi'), 'A new day');
  });

  it('marks a thread read only up to the message the reader saw, so a read replayed late hides no new answer', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startCare(tobi);
    const staff = await staffSignIn();
    t.clock.advance(60_000);
    const firstAnswer = await jsonOf<MessageView>(
      await post(staffRepliesPath(thread.id), staff, { body: 'Rest it.' }),
      201,
    );
    // Tobi reads the first answer offline; the read waits in his outbox while a second answer comes in.
    t.clock.advance(60_000);
    await jsonOf<MessageView>(await post(staffRepliesPath(thread.id), staff, { body: 'And ice it.' }), 201);
    t.clock.advance(60_000);
    expect((await post(threadReadPath(TOBI, thread.id), tobi, { upTo: firstAnswer.id })).status).toBe(204);
    expect((await listOf(tobi)).threads.find((th) => th.id === thread.id)?.unread).toBe(true);
    // An id that is not one of the thread's messages reads up to now.
    expect((await post(threadReadPath(TOBI, thread.id), tobi, { upTo: 'not-a-message' })).status).toBe(204);
    expect((await listOf(tobi)).threads.find((th) => th.id === thread.id)?.unread).toBe(false);
    await problemOf(await post(threadReadPath(TOBI, thread.id), tobi, { upTo: 7 }), 422);
  });

  it('shows staff the threads waiting for an answer, oldest first; an answer makes the thread unread until read', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const first = await startCare(tobi);
    t.clock.advance(60_000);
    const second = await startBilling(tobi);
    const staff = await staffSignIn();
    const inbox = await jsonOf<StaffInboxAnswer>(await get(staffInboxPath, staff));
    // The demo conversation was answered already: it waits for no one.
    expect(inbox.threads.map((th) => [th.id, th.patientName])).toEqual([
      [first.id, 'Tobi Okafor'],
      [second.id, 'Tobi Okafor'],
    ]);

    t.clock.advance(60_000);
    const answer = await jsonOf<MessageView>(
      await post(staffRepliesPath(first.id), staff, { body: 'Please rest it and book a visit this week.' }),
      201,
    );
    expect(answer).toMatchObject({
      from: 'practice',
      authorName: 'Care team',
      onBehalfOf: null,
      authorAccountId: null,
    });
    expect(
      (await jsonOf<StaffInboxAnswer>(await get(staffInboxPath, staff))).threads.map((th) => th.id),
    ).toEqual([second.id]);

    const [answered] = (await listOf(tobi)).threads;
    expect(answered).toMatchObject({ id: first.id, unread: true, lastMessageAt: answer.sentAt });
    expect(answered?.messages.at(-1)).toEqual(answer);
    t.clock.advance(1000);
    const read = await post(threadReadPath(TOBI, first.id), tobi, {});
    expect(read.status).toBe(204);
    expect((await listOf(tobi)).threads.find((th) => th.id === first.id)?.unread).toBe(false);
    // Read is per account: Jordan, given Full access now, has not opened it.
    const jordan = await fullAccessFor('jordan');
    expect((await listOf(jordan)).threads.find((th) => th.id === first.id)?.unread).toBe(true);

    const answeredEvents = (await activityOf(t, tobi)).filter((e) => e.action === 'message-answered');
    expect(answeredEvents.map((e) => [e.actorName, e.patientId])).toEqual([['Care team', TOBI]]);
    // The practice reading his messages in its inbox is on his history too, once for the two looks.
    const readByPractice = (await activityOf(t, tobi)).filter(
      (e) => e.action === 'messages-viewed' && e.actorName === 'Care team',
    );
    expect(readByPractice).toHaveLength(1);
    await problemOf(await post(staffRepliesPath(crypto.randomUUID()), staff, { body: 'Hello' }), 404);
  });

  it('keeps the practice’s side to staff: a personal account gets 403', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startBilling(tobi);
    for (const res of [
      await get(staffInboxPath, tobi),
      await post(staffRepliesPath(thread.id), tobi, { body: 'I am the practice now.' }),
      await get(staffInboxPath, await demoSignIn(t, 'daniel')),
    ])
      expect((await problemOf(res, 403)).type).toBe(MESSAGE_PROBLEM_TYPES.staffOnly);
    expect((await problemOf(await call(t, 'GET', staffInboxPath), 401)).type).toBe(
      PROBLEM_TYPES.signInRequired,
    );
    // And staff reach no patient record through the patient's routes.
    await problemOf(await get(messagesPath(TOBI), await staffSignIn()), 404);
  });
});

describe('idempotency and privacy', () => {
  it('answers a repeated Idempotency-Key with the first answer: one thread, one reply, one audit event', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const key = crypto.randomUUID();
    const body = { subject: 'billing-question', body: 'Was my payment received?' };
    const first = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, body, key), 201);
    const again = await post(messagesPath(TOBI), tobi, body, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await jsonOf<ThreadView>(again, 201)).toEqual(first);

    const replyKey = crypto.randomUUID();
    const reply = await jsonOf<MessageView>(
      await post(repliesPath(TOBI, first.id), tobi, { body: 'Thanks' }, replyKey),
      201,
    );
    expect(
      await jsonOf<MessageView>(
        await post(repliesPath(TOBI, first.id), tobi, { body: 'Thanks' }, replyKey),
        201,
      ),
    ).toEqual(reply);
    const readKey = crypto.randomUUID();
    expect((await post(threadReadPath(TOBI, first.id), tobi, {}, readKey)).status).toBe(204);
    expect((await post(threadReadPath(TOBI, first.id), tobi, {}, readKey)).status).toBe(204);

    expect((await listOf(tobi)).threads.map((th) => th.messages.length)).toEqual([2]);
    expect(
      t.db
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'message-sent' AND patient_id = ?")
        .pluck()
        .get(TOBI),
    ).toBe(2);
  });

  it('never writes a message body to the log', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const secret = 'Secret-symptom-xylophone';
    const thread = await startBilling(tobi, `About my bill: ${secret}`);
    await post(repliesPath(TOBI, thread.id), tobi, { body: `${secret} again` });
    await post(staffRepliesPath(thread.id), await staffSignIn(), { body: `Re: ${secret}` });
    await post(messagesPath(TOBI), tobi, {
      subject: 'billing-question',
      body: `${secret} 4111 1111 1111 1111`,
    });
    expect(t.logLines.length).toBeGreaterThan(0);
    expect(t.logLines.join('\n')).not.toContain(secret);
  });
});
