// The upload protocol through the HTTP API on the demo practice: encrypted chunks PUT by index,
// resumed from the server's own list after a cut connection, each refusal a 4xx problem that stores
// nothing; another account's upload is nobody's to see or to use; uploads no message took are
// deleted after UPLOAD_KEPT_HOURS; the chunk route alone accepts more than a JSON body's 64 kB.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_PROBLEM_TYPES,
  MAX_ATTACHMENT_BYTES,
  UPLOAD_CHUNK_BYTES,
  UPLOAD_KEPT_HOURS,
  type UploadStatus,
} from '../../core/attachments';
import { MAX_JSON_BODY_BYTES } from '../../core/limits';
import { messagesPath, type ThreadView, uploadPath } from '../../core/messages';
import { PROBLEM_TYPES } from '../../core/problem';
import { createApp } from '../app';
import { MAX_WAITING_UPLOADS } from '../services/messages/attachments/uploads';
import { BROWSER_UA, call, rowCounts } from '../test-support/accounts';
import {
  chunksOf,
  pngFile,
  putChunk,
  type Send,
  sealFile,
  uploadChunks,
  uploadFile,
} from '../test-support/attachment-files';
import { appFrom, demoSignIn, demoTemplate, jsonOf, problemOf } from '../test-support/family';
import type { TestApp } from '../test-support/test-app';

const TOBI = 'demo-teen-15';

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

const statusOf = (token: string, uploadId: string) =>
  call(t, 'GET', uploadPath(uploadId), undefined, { token });
const uploadRows = () => Number(t.db.prepare('SELECT count(*) FROM uploads').pluck().get());
const sendMessage = (token: string, attachments: unknown[], key = crypto.randomUUID()) =>
  call(
    t,
    'POST',
    messagesPath(TOBI),
    { subject: 'billing-question', body: 'My statement, attached.', attachments },
    { token, headers: { 'idempotency-key': key } },
  );

/** A PNG of noise, so its ciphertext spans two chunks. */
const twoChunkPng = () => pngFile({ width: 420, height: 420, noise: true });

describe('resuming an upload', () => {
  it('lists the chunks it holds after a cut connection, so the app sends only the rest', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const png = twoChunkPng();
    const file = await sealFile(png, 'scan.png', 'image/png');
    expect(chunksOf(file.cipher)).toHaveLength(2);
    // Not started yet: 404, and the app starts from chunk 0.
    await problemOf(await statusOf(tobi, file.uploadId), 404);

    await uploadChunks(send, tobi, file, [1]);
    expect(await jsonOf<UploadStatus>(await statusOf(tobi, file.uploadId))).toEqual({
      uploadId: file.uploadId,
      total: file.cipher.length,
      chunks: [1],
    });
    // The message cannot take it yet.
    const early = await problemOf(await sendMessage(tobi, [file.ref]), 409);
    expect(early.type).toBe(ATTACHMENT_PROBLEM_TYPES.uploadIncomplete);

    await uploadChunks(send, tobi, file, [0]);
    // A chunk sent again (the answer to the first try was lost) changes nothing.
    await uploadChunks(send, tobi, file, [0, 1]);
    expect((await jsonOf<UploadStatus>(await statusOf(tobi, file.uploadId))).chunks).toEqual([0, 1]);

    const thread = await jsonOf<ThreadView>(await sendMessage(tobi, [file.ref]), 201);
    expect(thread.messages[0]?.attachments).toEqual([
      { id: expect.any(String), name: 'scan.png', mediaType: 'image/png', size: png.length },
    ]);
    // Taken by its message: the upload is gone.
    await problemOf(await statusOf(tobi, file.uploadId), 404);
    expect(uploadRows()).toBe(0);
  });
});

describe('refused chunks', () => {
  it('accepts a whole 512 KB chunk though every other API body stops at 64 kB', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const file = await sealFile(twoChunkPng(), 'scan.png', 'image/png');
    const [first] = chunksOf(file.cipher);
    expect(first?.length).toBe(UPLOAD_CHUNK_BYTES);
    expect((await putChunk(send, tobi, file.uploadId, 0, first!, file.cipher.length)).status).toBe(204);

    const big = await call(
      t,
      'POST',
      messagesPath(TOBI),
      { subject: 'billing-question', body: 'x', padding: 'x'.repeat(MAX_JSON_BODY_BYTES) },
      { token: tobi, headers: { 'idempotency-key': crypto.randomUUID() } },
    );
    expect((await problemOf(big, 413)).type).toBe(PROBLEM_TYPES.payloadTooLarge);
  });

  it('answers each bad chunk with a 4xx problem and stores nothing', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const file = await sealFile(twoChunkPng(), 'scan.png', 'image/png');
    const [first, second] = chunksOf(file.cipher) as [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>];
    const total = file.cipher.length;
    const id = file.uploadId;
    const before = rowCounts(t);
    const refusals: Array<[Promise<Response>, number, string]> = [
      // Larger than a chunk, by the Content-Length and by the bytes.
      [
        putChunk(send, tobi, id, 0, new Uint8Array(UPLOAD_CHUNK_BYTES + 1), total),
        413,
        ATTACHMENT_PROBLEM_TYPES.tooLarge,
      ],
      // An upload larger than a 10 MB file and its tag: an 11 MB file.
      [putChunk(send, tobi, id, 0, first, 11 * 1024 * 1024 + 16), 413, ATTACHMENT_PROBLEM_TYPES.tooLarge],
      [putChunk(send, tobi, id, 0, first, MAX_ATTACHMENT_BYTES + 17), 413, ATTACHMENT_PROBLEM_TYPES.tooLarge],
      // A zero-byte file is its 16-byte tag only.
      [putChunk(send, tobi, id, 0, new Uint8Array(16), 16), 422, ATTACHMENT_PROBLEM_TYPES.invalidFile],
      // Not a whole chunk though not the last; the last one longer or shorter than what remains.
      [putChunk(send, tobi, id, 0, first.subarray(1), total), 422, PROBLEM_TYPES.invalidInput],
      [putChunk(send, tobi, id, 1, second.subarray(1), total), 422, PROBLEM_TYPES.invalidInput],
      // No chunk 2 in a two-chunk upload; no chunk "-1" or "one".
      [putChunk(send, tobi, id, 2, second, total), 422, PROBLEM_TYPES.invalidInput],
      [send(`${uploadPath(id)}/chunks/-1`, chunkInit(tobi, second, total)), 400, PROBLEM_TYPES.invalidInput],
      [send(`${uploadPath(id)}/chunks/one`, chunkInit(tobi, second, total)), 400, PROBLEM_TYPES.invalidInput],
      // An upload id that is no UUID.
      [putChunk(send, tobi, 'scan.png', 0, first, total), 400, PROBLEM_TYPES.invalidInput],
      // No size, or JSON instead of bytes.
      [
        putChunk(send, tobi, id, 0, first, total, { 'upload-total': 'lots' }),
        422,
        PROBLEM_TYPES.invalidInput,
      ],
      [
        putChunk(send, tobi, id, 0, first, total, { 'content-type': 'application/json' }),
        415,
        PROBLEM_TYPES.unsupportedMediaType,
      ],
    ];
    for (const [res, status, type] of refusals) expect((await problemOf(await res, status)).type).toBe(type);
    expect((await problemOf(await statusOf(tobi, 'scan.png'), 400)).type).toBe(PROBLEM_TYPES.invalidInput);
    expect(rowCounts(t)).toEqual(before);
  });

  it('keeps the size and the bytes an upload started with: a conflicting total or chunk is 409', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const file = await sealFile(twoChunkPng(), 'scan.png', 'image/png');
    const [first, second] = chunksOf(file.cipher) as [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>];
    await uploadChunks(send, tobi, file, [0]);
    const before = rowCounts(t);
    const otherTotal = await problemOf(
      await putChunk(send, tobi, file.uploadId, 1, second.subarray(1), file.cipher.length - 1),
      409,
    );
    expect(otherTotal.type).toBe(ATTACHMENT_PROBLEM_TYPES.uploadConflict);
    const otherBytes = first.slice();
    otherBytes[100] = (otherBytes[100] ?? 0) ^ 0xff;
    const changed = await problemOf(
      await putChunk(send, tobi, file.uploadId, 0, otherBytes, file.cipher.length),
      409,
    );
    expect(changed.type).toBe(ATTACHMENT_PROBLEM_TYPES.uploadConflict);
    expect(rowCounts(t)).toEqual(before);
    expect((await jsonOf<UploadStatus>(await statusOf(tobi, file.uploadId))).chunks).toEqual([0]);
  });
});

describe('whose upload', () => {
  it('shows an account its own uploads only: another account’s upload id is 404, as an unknown one', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const daniel = await demoSignIn(t, 'daniel');
    const file = await sealFile(pngFile(), 'chart.png', 'image/png');
    await uploadChunks(send, daniel, file);
    const mine = await problemOf(await statusOf(tobi, file.uploadId), 404);
    const unknown = await problemOf(await statusOf(tobi, crypto.randomUUID()), 404);
    expect(mine).toEqual(unknown);
    // The same id is a fresh upload of Tobi's own; Daniel's stays as it was.
    await uploadChunks(send, tobi, file);
    expect((await jsonOf<UploadStatus>(await statusOf(daniel, file.uploadId))).chunks).toEqual([0]);
    expect(uploadRows()).toBe(2);
    expect((await problemOf(await call(t, 'GET', uploadPath(file.uploadId)), 401)).type).toBe(
      PROBLEM_TYPES.signInRequired,
    );
  });

  it(`holds at most ${MAX_WAITING_UPLOADS} waiting uploads per account, then says when one is freed`, async () => {
    const tobi = await demoSignIn(t, 'tobi');
    for (let i = 0; i < MAX_WAITING_UPLOADS; i += 1) {
      await uploadFile(send, tobi, pngFile(), `page-${i}.png`, 'image/png');
      t.clock.advance(1000);
    }
    const before = rowCounts(t);
    const file = await sealFile(pngFile(), 'one-more.png', 'image/png');
    const refused = await putChunk(send, tobi, file.uploadId, 0, file.cipher, file.cipher.length);
    expect((await problemOf(refused, 429)).type).toBe(ATTACHMENT_PROBLEM_TYPES.tooManyUploads);
    // The oldest was started 40 seconds ago; it is deleted after UPLOAD_KEPT_HOURS.
    expect(Number(refused.headers.get('retry-after'))).toBe(UPLOAD_KEPT_HOURS * 3600 - MAX_WAITING_UPLOADS);
    expect(rowCounts(t)).toEqual(before);
    // Another account is not held back by Tobi's.
    await uploadFile(send, await demoSignIn(t, 'daniel'), pngFile(), 'mine.png', 'image/png');
  });
});

describe('uploads no message took', () => {
  it(`are deleted ${UPLOAD_KEPT_HOURS} hours on, when a new upload starts, and cannot be sent`, async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const old = await uploadFile(send, tobi, pngFile(), 'old.png', 'image/png');
    const half = await sealFile(twoChunkPng(), 'half.png', 'image/png');
    await uploadChunks(send, tobi, half, [0]);
    t.clock.advance(UPLOAD_KEPT_HOURS * 3600_000 + 1000);
    const fresh = await demoSignIn(t, 'tobi');
    // Out of date already, though still in the table: no status, no message.
    await problemOf(await statusOf(fresh, old.uploadId), 404);
    expect((await problemOf(await sendMessage(fresh, [old]), 409)).type).toBe(
      ATTACHMENT_PROBLEM_TYPES.uploadIncomplete,
    );
    expect(uploadRows()).toBe(2);
    await uploadFile(send, fresh, pngFile(), 'new.png', 'image/png');
    expect(uploadRows()).toBe(1);
    expect(Number(t.db.prepare('SELECT count(*) FROM upload_chunks').pluck().get())).toBe(1);
  });

  it('are deleted when the app starts', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    await uploadFile(send, tobi, pngFile(), 'old.png', 'image/png');
    t.clock.advance(UPLOAD_KEPT_HOURS * 3600_000 - 1000);
    await uploadFile(send, await demoSignIn(t, 'tobi'), pngFile(), 'newer.png', 'image/png');
    t.clock.advance(2000);
    createApp(t.deps);
    expect(t.db.prepare('SELECT count(*) FROM uploads').pluck().get()).toBe(1);
  });
});

function chunkInit(token: string, body: Uint8Array<ArrayBuffer>, total: number): RequestInit {
  return {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'upload-total': String(total),
    },
    body,
  };
}
