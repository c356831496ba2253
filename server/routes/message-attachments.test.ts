// Files sent with secure messages, through the HTTP API on the demo practice: uploaded encrypted,
// named in the message with their keys, checked by content and stored with the message, once; the
// practice answers with a file the patient downloads; photos lose their location. Attackers first:
// disguised, scripted, damaged, oversized or someone else's files are refused with a 4xx problem and
// leave every table as it was, and no file is handed to anyone who may not see its thread.
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_PROBLEM_TYPES,
  type AttachmentRef,
  MAX_ATTACHMENT_BYTES,
  TOO_MANY_ATTACHMENTS,
} from '../../core/attachments';
import {
  attachmentPath,
  MESSAGE_PROBLEM_TYPES,
  type MessageRecipients,
  type MessagesAnswer,
  type MessageView,
  messagesPath,
  recipientsPath,
  repliesPath,
  staffAttachmentPath,
  staffRepliesPath,
  type ThreadView,
} from '../../core/messages';
import { PROBLEM_TYPES } from '../../core/problem';
import { insertPatientGrant } from '../services/access/proxy-access';
import { findAccountByEmail } from '../services/accounts/account-store';
import { DEMO_STAFF } from '../services/demo/accounts';
import { DEMO_THREAD_ID } from '../services/demo/conversation';
import { PDF_ACTIVE_CONTENT_SENTENCE } from '../services/messages/attachments/problems';
import { BROWSER_UA, call, rowCounts } from '../test-support/accounts';
import {
  containsBytes,
  GPS_LATITUDE,
  GPS_LONGITUDE,
  htmlFile,
  JPEG_COMMENT,
  jpegFile,
  jpegWithGps,
  mp4File,
  PNG_METADATA_TEXT,
  pdfFile,
  pdfWithEscapedJavaScript,
  pdfWithJavaScript,
  pdfWithScriptInObjectStream,
  pngFile,
  pngWithMetadata,
  type Send,
  sealFile,
  uploadChunks,
  uploadFile,
  XMP_LOCATION,
} from '../test-support/attachment-files';
import {
  appFrom,
  DEMO_EMAIL,
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
let send: Send;

beforeAll(async () => {
  template = await demoTemplate();
});
beforeEach(async () => {
  t = await appFrom(template);
  send = async (path, init) =>
    t.app.request(path, { ...init, headers: { 'user-agent': BROWSER_UA, ...(init.headers as object) } });
});
afterEach(() => t.cleanup());

const post = (path: string, token: string, body: unknown, key: string = crypto.randomUUID()) =>
  call(t, 'POST', path, body, { token, headers: { 'idempotency-key': key } });
const get = (path: string, token: string) => call(t, 'GET', path, undefined, { token });
const count = (table: string) => Number(t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
const viewedEvents = () =>
  Number(t.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'messages-viewed'").pluck().get());
const staffSignIn = () => signIn(t, DEMO_STAFF.email);

const billing = (attachments: AttachmentRef[], body = 'My statement and the letter, attached.') => ({
  subject: 'billing-question',
  body,
  attachments,
});

async function careRequest(token: string, attachments: AttachmentRef[]) {
  const [provider] = (await jsonOf<MessageRecipients>(await get(recipientsPath(TOBI), token))).providers;
  return {
    subject: 'medical-question',
    providerId: provider!.id,
    locationId: provider!.locations[0]!.id,
    body: 'A photo of the rash.',
    attachments,
  };
}

async function download(path: string, token: string) {
  const res = await get(path, token);
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a message with files', () => {
  it('arrives once with its two files: a repeat with the same Idempotency-Key adds no message and no file', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const pdf = pdfFile();
    const png = pngFile();
    const refs = [
      await uploadFile(send, tobi, pdf, 'Statement March.pdf', 'application/pdf'),
      await uploadFile(send, tobi, png, 'letter.png', 'image/png'),
    ];
    const messagesBefore = count('messages');
    const key = crypto.randomUUID();
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing(refs), key), 201);
    const [message] = thread.messages;
    expect(message?.attachments).toEqual([
      { id: expect.any(String), name: 'Statement March.pdf', mediaType: 'application/pdf', size: pdf.length },
      { id: expect.any(String), name: 'letter.png', mediaType: 'image/png', size: png.length },
    ]);

    const again = await post(messagesPath(TOBI), tobi, billing(refs), key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await jsonOf<ThreadView>(again, 201)).toEqual(thread);
    expect(count('messages')).toBe(messagesBefore + 1);
    expect(count('message_attachments')).toBe(2);
    expect(count('uploads')).toBe(0);
    expect(count('upload_chunks')).toBe(0);

    // The list shows them in the order attached, and each downloads as it was sent.
    const listed = await jsonOf<MessagesAnswer>(await get(messagesPath(TOBI), tobi));
    expect(listed.threads.find((th) => th.id === thread.id)?.messages[0]?.attachments).toEqual(
      message?.attachments,
    );
    const [first, second] = message!.attachments;
    expect((await download(attachmentPath(TOBI, thread.id, first!.id), tobi)).bytes).toEqual(pdf);
    expect((await download(attachmentPath(TOBI, thread.id, second!.id), tobi)).bytes).toEqual(png);
  });

  it('adds files to a reply, and the stored size and SHA-256 are those of the stored bytes', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([])), 201);
    expect(thread.messages[0]?.attachments).toEqual([]);
    const ref = await uploadFile(send, tobi, jpegWithGps(), 'IMG_0042.JPG', 'image/jpeg');
    const reply = await jsonOf<MessageView>(
      await post(repliesPath(TOBI, thread.id), tobi, { body: 'The receipt.', attachments: [ref] }),
      201,
    );
    const [file] = reply.attachments;
    const { bytes } = await download(attachmentPath(TOBI, thread.id, file!.id), tobi);
    expect(file?.size).toBe(bytes.length);
    expect(t.db.prepare('SELECT size, sha256 FROM message_attachments WHERE id = ?').get(file!.id)).toEqual({
      size: bytes.length,
      sha256: sha256(bytes),
    });
  });

  it('stores a GPS-tagged photo without its Exif, XMP, comment or anything after the picture', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const photo = jpegWithGps();
    expect(containsBytes(photo, GPS_LATITUDE)).toBe(true);
    const ref = await uploadFile(send, tobi, photo, 'IMG_0042.JPG', 'image/jpeg');
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([ref])), 201);
    const { bytes } = await download(
      attachmentPath(TOBI, thread.id, thread.messages[0]!.attachments[0]!.id),
      tobi,
    );
    for (const gone of [GPS_LATITUDE, GPS_LONGITUDE, 'Exif\0\0', XMP_LOCATION, JPEG_COMMENT, 'trailing'])
      expect(containsBytes(bytes, gone), String(gone)).toBe(false);
    expect(containsBytes(bytes, Uint8Array.of(0xff, 0xe1))).toBe(false);
    // The picture itself is untouched: it is the same JPEG without its metadata.
    expect(bytes).toEqual(jpegFile());
  });

  it('stores a PNG without its text, Exif and time chunks', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const ref = await uploadFile(send, tobi, pngWithMetadata(), 'screenshot.png', 'image/png');
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([ref])), 201);
    const { bytes } = await download(
      attachmentPath(TOBI, thread.id, thread.messages[0]!.attachments[0]!.id),
      tobi,
    );
    for (const gone of [
      'tEXt',
      'zTXt',
      'iTXt',
      'eXIf',
      'tIME',
      'Jane Q. Patient',
      'Elm Street',
      PNG_METADATA_TEXT.exif,
    ])
      expect(containsBytes(bytes, gone), gone).toBe(false);
    expect(containsBytes(bytes, 'pHYs')).toBe(true);
  });

  it('names a file by its type: a PNG called notes.html is saved as notes.html.png', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const ref = await uploadFile(send, tobi, pngFile(), 'notes.html', 'image/png');
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([ref])), 201);
    expect(thread.messages[0]?.attachments[0]?.name).toBe('notes.html.png');
  });
});

describe('the practice answers with a file', () => {
  it('lets the patient download it: saved under its name, never sniffed, run or cached', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([])), 201);
    const staff = await staffSignIn();
    const pdf = pdfFile({ text: 'Your itemised statement' });
    const ref = await uploadFile(send, staff, pdf, 'Itemised statement – März.pdf', 'application/pdf');
    t.clock.advance(60_000);
    const answer = await jsonOf<MessageView>(
      await post(staffRepliesPath(thread.id), staff, {
        body: 'Here is the itemised statement.',
        attachments: [ref],
      }),
      201,
    );
    expect(answer.from).toBe('practice');
    const [file] = answer.attachments;

    const listed = await jsonOf<MessagesAnswer>(await get(messagesPath(TOBI), tobi));
    expect(listed.threads.find((th) => th.id === thread.id)?.messages.at(-1)?.attachments).toEqual([file]);
    const { res, bytes } = await download(attachmentPath(TOBI, thread.id, file!.id), tobi);
    expect(bytes).toEqual(pdf);
    expect(
      Object.fromEntries(
        [
          'content-type',
          'content-length',
          'content-disposition',
          'x-content-type-options',
          'content-security-policy',
          'cache-control',
        ].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition':
        'attachment; filename="Itemised statement _ Marz.pdf"; filename*=UTF-8\'\'Itemised%20statement%20%E2%80%93%20M%C3%A4rz.pdf',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    });
    // The practice downloads it too, from its own side.
    expect((await download(staffAttachmentPath(thread.id, file!.id), staff)).bytes).toEqual(pdf);
  });
});

describe('files an attacker sends', () => {
  /** Sends a message naming these refs; expects the refusal, with every table as it was. */
  async function refused(token: string, refs: AttachmentRef[], status: number, type: string) {
    const before = rowCounts(t);
    const problem = await problemOf(await post(messagesPath(TOBI), token, billing(refs)), status);
    expect(problem.type).toBe(type);
    expect(rowCounts(t)).toEqual(before);
    return problem;
  }

  it('refuses an .mp4 renamed .pdf and a "PNG" that is an HTML page: 415, by content', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const video = await uploadFile(send, tobi, mp4File(), 'holiday.pdf', 'application/pdf');
    const page = await uploadFile(send, tobi, htmlFile(), 'photo.png', 'image/png');
    const problem = await refused(tobi, [video], 415, ATTACHMENT_PROBLEM_TYPES.unsupportedType);
    expect(problem.title).toBe('holiday.pdf is not a PDF, JPEG or PNG file');
    expect(problem.errors).toEqual({ 'body.attachments.0': 'You can attach PDF, JPEG, JPG or PNG files.' });
    const second = await refused(
      tobi,
      [await uploadFile(send, tobi, pngFile(), 'ok.png', 'image/png'), page],
      415,
      ATTACHMENT_PROBLEM_TYPES.unsupportedType,
    );
    expect(Object.keys(second.errors ?? {})).toEqual(['body.attachments.1']);
  });

  it('refuses a PDF with JavaScript, spelt plainly, with #xx escapes or packed in an object stream: 422', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    for (const pdf of [pdfWithJavaScript(), pdfWithEscapedJavaScript(), pdfWithScriptInObjectStream()]) {
      const ref = await uploadFile(send, tobi, pdf, 'form.pdf', 'application/pdf');
      const problem = await refused(tobi, [ref], 422, ATTACHMENT_PROBLEM_TYPES.invalidFile);
      expect(problem.detail).toBe(PDF_ACTIVE_CONTENT_SENTENCE);
    }
  });

  it('refuses a file of another allowed type than it says, and a damaged one: 422', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const jpegAsPng = await uploadFile(send, tobi, jpegFile(), 'photo.png', 'image/png');
    const mismatch = await refused(tobi, [jpegAsPng], 422, ATTACHMENT_PROBLEM_TYPES.invalidFile);
    expect(mismatch.detail).toBe('The file is a JPEG file, but it was sent as a PNG. Attach it again.');
    const broken = pngFile();
    broken.set([0xff ^ broken[broken.length - 20]!], broken.length - 20); // inside IDAT: its CRC fails
    await refused(
      tobi,
      [await uploadFile(send, tobi, broken, 'scan.png', 'image/png')],
      422,
      ATTACHMENT_PROBLEM_TYPES.invalidFile,
    );
    const truncated = pdfFile().subarray(0, 300);
    await refused(
      tobi,
      [await uploadFile(send, tobi, truncated, 'cut.pdf', 'application/pdf')],
      422,
      ATTACHMENT_PROBLEM_TYPES.invalidFile,
    );
  });

  it('refuses a wrong key, IV, checksum or size: 422, and the right one still sends the file after', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const ref = await uploadFile(send, tobi, pdfFile(), 'letter.pdf', 'application/pdf');
    const other = await sealFile(pdfFile(), 'letter.pdf', 'application/pdf');
    for (const wrong of [
      { ...ref, key: other.ref.key },
      { ...ref, iv: other.ref.iv },
      { ...ref, sha256: other.ref.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      { ...ref, size: ref.size - 1 },
    ])
      await refused(tobi, [wrong], 422, ATTACHMENT_PROBLEM_TYPES.invalidFile);
    // Nothing was lost: the corrected message carries the same upload.
    const thread = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([ref])), 201);
    expect(thread.messages[0]?.attachments).toHaveLength(1);
    // And only once: the upload went with its message.
    await refused(tobi, [ref], 409, ATTACHMENT_PROBLEM_TYPES.uploadIncomplete);
  });

  it('refuses 11 files, an 11 MB file and a zero-byte file before opening any: 422', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const eleven: AttachmentRef[] = [];
    for (let i = 0; i < 11; i += 1)
      eleven.push(await uploadFile(send, tobi, pngFile(), `page-${i}.png`, 'image/png'));
    const tooMany = await refused(tobi, eleven, 422, PROBLEM_TYPES.invalidInput);
    expect(tooMany.errors).toEqual({ 'body.attachments': TOO_MANY_ATTACHMENTS });
    const [one] = eleven as [AttachmentRef];
    await refused(tobi, [{ ...one, size: 11 * 1024 * 1024 }], 422, PROBLEM_TYPES.invalidInput);
    await refused(tobi, [{ ...one, size: MAX_ATTACHMENT_BYTES + 1 }], 422, PROBLEM_TYPES.invalidInput);
    await refused(tobi, [{ ...one, size: 0 }], 422, PROBLEM_TYPES.invalidInput);
    await refused(tobi, [one, one], 422, PROBLEM_TYPES.invalidInput);
    // Ten are fine.
    await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing(eleven.slice(0, 10))), 201);
  });

  it('cannot send another account’s upload, even with its key: 409, as for an upload never made', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const daniel = await demoSignIn(t, 'daniel');
    const his = await uploadFile(send, daniel, pdfFile(), 'his.pdf', 'application/pdf');
    const taken = await refused(tobi, [his], 409, ATTACHMENT_PROBLEM_TYPES.uploadIncomplete);
    const never = await refused(
      tobi,
      [{ ...his, uploadId: crypto.randomUUID() }],
      409,
      ATTACHMENT_PROBLEM_TYPES.uploadIncomplete,
    );
    expect(taken).toEqual(never);
    // Daniel's upload is still his to send.
    await jsonOf<ThreadView>(await post(messagesPath(TOBI), daniel, billing([his])), 201);
  });

  it('does not take an upload that is missing chunks', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const file = await sealFile(pngFile({ width: 420, height: 420, noise: true }), 'scan.png', 'image/png');
    await uploadChunks(send, tobi, file, [0]);
    await refused(tobi, [file.ref], 409, ATTACHMENT_PROBLEM_TYPES.uploadIncomplete);
  });

  it('answers a reply on another patient’s thread with 404 and keeps the upload', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const ref = await uploadFile(send, tobi, pdfFile(), 'letter.pdf', 'application/pdf');
    const before = rowCounts(t);
    for (const path of [repliesPath(TOBI, DEMO_THREAD_ID), repliesPath(AMARA, DEMO_THREAD_ID)])
      await problemOf(await post(path, tobi, { body: 'Mine now.', attachments: [ref] }), 404);
    expect(rowCounts(t)).toEqual(before);
  });

  it('never writes a file’s name or bytes to the log', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const secret = 'Xylophone-diagnosis';
    const ref = await uploadFile(send, tobi, pdfFile({ text: secret }), `${secret}.pdf`, 'application/pdf');
    const bad = await uploadFile(send, tobi, mp4File(), `${secret}.mp4`, 'application/pdf');
    await post(messagesPath(TOBI), tobi, billing([bad]));
    await post(messagesPath(TOBI), tobi, billing([ref]));
    expect(t.logLines.length).toBeGreaterThan(0);
    expect(t.logLines.join('\n')).not.toContain(secret);
  });
});

describe('who may download a file', () => {
  /** Tobi's care thread and billing thread, each with one file. */
  async function tobisThreads() {
    const tobi = await demoSignIn(t, 'tobi');
    const careRef = await uploadFile(send, tobi, jpegFile(), 'rash.jpg', 'image/jpeg');
    const care = await jsonOf<ThreadView>(
      await post(messagesPath(TOBI), tobi, await careRequest(tobi, [careRef])),
      201,
    );
    const billRef = await uploadFile(send, tobi, pdfFile(), 'bill.pdf', 'application/pdf');
    const bill = await jsonOf<ThreadView>(await post(messagesPath(TOBI), tobi, billing([billRef])), 201);
    return {
      tobi,
      care: { thread: care.id, file: care.messages[0]!.attachments[0]!.id },
      bill: { thread: bill.id, file: bill.messages[0]!.attachments[0]!.id },
    };
  }

  it('gives a billing-only family member the billing thread’s file, and the care thread’s file is 404', async () => {
    const { care, bill } = await tobisThreads();
    const daniel = await demoSignIn(t, 'daniel');
    expect((await problemOf(await get(attachmentPath(TOBI, care.thread, care.file), daniel), 404)).type).toBe(
      PROBLEM_TYPES.notFound,
    );
    await download(attachmentPath(TOBI, bill.thread, bill.file), daniel);
    // Tobi's history shows his father opened his messages.
    const viewed = t.db
      .prepare(
        "SELECT actor_account_id FROM audit_events WHERE action = 'messages-viewed' AND patient_id = ?",
      )
      .pluck()
      .all(TOBI);
    expect(viewed).toEqual([findAccountByEmail(t.db, DEMO_EMAIL.daniel)!.id]);
  });

  it('lets a family member with Full access download the care thread’s file; the patient’s own downloads are not audited', async () => {
    const { tobi, care } = await tobisThreads();
    await download(attachmentPath(TOBI, care.thread, care.file), tobi);
    expect(viewedEvents()).toBe(0);
    insertPatientGrant(
      t.db,
      {
        accountId: findAccountByEmail(t.db, DEMO_EMAIL.jordan)!.id,
        patientId: TOBI,
        level: 'full',
        relationship: 'other',
        source: 'invitation',
        fullChosenAt: t.clock.now().toISOString(),
      },
      t.clock.now(),
    );
    await download(attachmentPath(TOBI, care.thread, care.file), await demoSignIn(t, 'jordan'));
    expect(viewedEvents()).toBe(1);
  });

  it('answers another patient’s thread, another thread’s file or an unknown id with 404', async () => {
    const { tobi, care, bill } = await tobisThreads();
    const daniel = await demoSignIn(t, 'daniel');
    const amaraRef = await uploadFile(send, daniel, pdfFile(), 'amara.pdf', 'application/pdf');
    const amara = await jsonOf<MessageView>(
      await post(repliesPath(AMARA, DEMO_THREAD_ID), daniel, {
        body: 'Her inhaler plan.',
        attachments: [amaraRef],
      }),
      201,
    );
    const amaraFile = amara.attachments[0]!.id;
    for (const path of [
      attachmentPath(TOBI, DEMO_THREAD_ID, amaraFile),
      attachmentPath(AMARA, DEMO_THREAD_ID, amaraFile),
      attachmentPath(TOBI, bill.thread, care.file),
      attachmentPath(TOBI, care.thread, crypto.randomUUID()),
      attachmentPath(AMARA, bill.thread, bill.file),
    ])
      expect((await problemOf(await get(path, tobi), 404)).type).toBe(PROBLEM_TYPES.notFound);
    // Staff reach no record through the patient's routes; a personal account not the practice's side.
    const staff = await staffSignIn();
    await problemOf(await get(attachmentPath(TOBI, care.thread, care.file), staff), 404);
    expect((await problemOf(await get(staffAttachmentPath(care.thread, care.file), tobi), 403)).type).toBe(
      MESSAGE_PROBLEM_TYPES.staffOnly,
    );
    await problemOf(await get(staffAttachmentPath(bill.thread, care.file), staff), 404);
    await problemOf(await call(t, 'GET', attachmentPath(TOBI, care.thread, care.file)), 401);
  });
});
