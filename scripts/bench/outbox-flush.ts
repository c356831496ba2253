// Bench: secure messages with files, through the app's own outbox code (client/data/outbox/) in
// Node, against the built server on loopback: one 10 MB PDF uploaded and sent, and a device coming
// back online with 100 messages waiting, 10 of them with a 1 MB file. fake-indexeddb stands in for
// the browser's IndexedDB; sealing, uploads and replays are the ones the app and worker run.
import 'fake-indexeddb/auto';
import { openDeviceDb } from '../../client/data/device-db';
import { queueRequest } from '../../client/data/outbox/queue';
import { replayOutbox } from '../../client/data/outbox/replay';
import { sealingKey } from '../../client/data/outbox/seal';
import { uploadFiles } from '../../client/data/outbox/uploads';
import { API } from '../../core/api-paths';
import { encryptAttachment } from '../../core/attachment-crypto';
import type { AttachmentRef } from '../../core/attachments';
import type { ThreadView } from '../../core/messages';

const PATIENT = { email: 'harold.lindqvist@example.com', password: 'river stone lantern 7' };
const THREADS = 10;
const QUEUED = 100;
const WITH_FILES = 10;

export interface OutboxFigures {
  /** MB/s of the 10 MB file's chunks reaching the server. */
  uploadMBps: number;
  /** From the message request to its answer, the server decrypting, checking and storing 10 MB. */
  bigMessageMs: number;
  flushMs: number;
  delivered: number;
}

/** A PDF of `bytes` (random filler in a comment: incompressible, like a scan). */
function pdfOf(bytes: number): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode('%PDF-1.7\n%');
  const tail = new TextEncoder().encode(
    '\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n0\n%%EOF\n',
  );
  const out = new Uint8Array(bytes);
  out.set(head);
  for (let at = head.length; at < bytes - tail.length; at += 65_536)
    crypto.getRandomValues(out.subarray(at, Math.min(at + 65_536, bytes - tail.length)));
  // Line breaks in the filler would end the comment; keep it one long comment line.
  for (let i = head.length; i < bytes - tail.length; i += 1)
    if (out[i] === 0x0a || out[i] === 0x0d) out[i] = 0x20;
  out.set(tail, bytes - tail.length);
  return out;
}

export async function measureOutboxFlush(baseUrl: string): Promise<OutboxFigures> {
  const signIn = await fetch(`${baseUrl}${API.auth.signIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(PATIENT),
  });
  const { accessToken, account } = (await signIn.json()) as {
    accessToken: string;
    account: { id: string; patientId: string };
  };
  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${accessToken}` },
    });
  const patientId = account.patientId;
  const db = openDeviceDb(`bench-outbox-${crypto.randomUUID()}`);
  try {
    const keep = async (bytes: Uint8Array<ArrayBuffer>, name: string): Promise<AttachmentRef> => {
      const sealed = await encryptAttachment(bytes);
      const uploadId = crypto.randomUUID();
      await db.files.put({
        id: uploadId,
        accountId: account.id,
        cipher: sealed.cipher,
        createdAt: new Date().toISOString(),
      });
      const { cipher: _, ...keys } = sealed;
      return { uploadId, name, mediaType: 'application/pdf', size: bytes.byteLength, ...keys };
    };
    const post = (path: string, body: unknown) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify(body),
      });

    // One 10 MB file: its upload, then the message that carries it.
    const big = await keep(pdfOf(10 * 1024 * 1024), 'scan.pdf');
    let started = performance.now();
    const uploaded = await uploadFiles(db, send, [big.uploadId]);
    if (uploaded.kind !== 'done')
      throw new Error(`The 10 MB upload did not finish: ${JSON.stringify(uploaded)}`);
    const uploadMBps = 10 / ((performance.now() - started) / 1000);
    started = performance.now();
    const bigAnswer = await post(API.patients.messages(patientId), {
      subject: 'billing-question',
      body: 'The scanned statement, 10 MB.',
      attachments: [big],
    });
    const bigMessageMs = performance.now() - started;
    if (bigAnswer.status !== 201) throw new Error(`The 10 MB message was refused: ${await bigAnswer.text()}`);

    // The conversations the waiting replies belong to (the day's limit allows 20 new ones).
    const threads: string[] = [];
    for (let i = 0; i < THREADS - 1; i += 1) {
      const answer = await post(API.patients.messages(patientId), {
        subject: 'insurance',
        body: `Question ${i + 1}`,
      });
      threads.push(((await answer.json()) as ThreadView).id);
    }
    threads.push(((await bigAnswer.json()) as ThreadView).id);

    // 100 replies written offline, 10 with a 1 MB file, sealed and kept as the app keeps them.
    const key = await sealingKey(db, (input, init) => fetch(`${baseUrl}${input}`, init));
    for (let i = 0; i < QUEUED; i += 1) {
      const threadId = threads[i % THREADS]!;
      const attachments =
        i % (QUEUED / WITH_FILES) === 0 ? [await keep(pdfOf(1024 * 1024), `page ${i}.pdf`)] : [];
      await queueRequest(
        db,
        {
          accountId: account.id,
          kind: 'message',
          method: 'POST',
          path: API.patients.replies(patientId, threadId),
          body: attachments.length > 0 ? { body: `Reply ${i + 1}`, attachments } : { body: `Reply ${i + 1}` },
          files: attachments.map((a) => a.uploadId),
        },
        key,
        null,
      );
    }
    started = performance.now();
    const report = await replayOutbox(db, { send, accountId: async () => account.id });
    const flushMs = performance.now() - started;
    const delivered = report.outcomes.filter((o) => !o.failure).length;
    if (delivered !== QUEUED)
      throw new Error(`Only ${delivered} of ${QUEUED} waiting messages were delivered.`);
    return { uploadMBps, bigMessageMs, flushMs, delivered };
  } finally {
    db.close();
  }
}
