// /api/uploads: the encrypted files of messages not sent yet (core/attachments.ts has the protocol).
// GET says how far an upload got, so an interrupted one resumes; PUT stores one chunk by its index,
// as often as it is sent. Any signed-in account with its security option uploads its own files
// only: another account's upload id names nothing. The chunk route has its own body limit
// (server/app.ts). Bodies are never logged, and cannot be read here: the key comes with the message.
import { Hono } from 'hono';
import { UPLOAD_TOTAL_HEADER } from '../../core/attachments';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { ProblemException, problems } from '../http/problem';
import { mediaType } from '../http/validate';
import { attachmentProblems } from '../services/messages/attachments/problems';
import { uploadsOf } from '../services/messages/attachments/uploads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHOLE_NUMBER = /^(?:0|[1-9]\d{0,14})$/;

/** The chunk route's path, for server/app.ts to give it the chunk's body limit instead of JSON's. */
export const UPLOAD_CHUNK_PATH = /^\/api\/uploads\/[^/]+\/chunks\/[^/]+$/;

const uploadIdOf = (raw: string): string => {
  if (!UUID.test(raw)) throw new ProblemException(attachmentProblems.badUploadId());
  return raw;
};

const wholeNumber = (raw: string | undefined): number | null =>
  raw !== undefined && WHOLE_NUMBER.test(raw.trim()) ? Number(raw.trim()) : null;

export function uploadRoutes(deps: AppDeps) {
  const uploads = uploadsOf(deps);

  return new Hono<AuthEnv>()
    .use(requireAuth(deps), requireSecurityOption)
    .get('/:uploadId', (c) => {
      c.header('cache-control', 'no-store');
      return c.json(uploads.status(c.var.account.id, uploadIdOf(c.req.param('uploadId'))), 200);
    })
    .put('/:uploadId/chunks/:index', async (c) => {
      const uploadId = uploadIdOf(c.req.param('uploadId'));
      const index = wholeNumber(c.req.param('index'));
      if (index === null) throw new ProblemException(attachmentProblems.badIndexSyntax());
      if (mediaType(c) !== 'application/octet-stream')
        throw new ProblemException(problems.unsupportedMediaType('application/octet-stream'));
      const total = wholeNumber(c.req.header(UPLOAD_TOTAL_HEADER));
      if (total === null) throw new ProblemException(attachmentProblems.badTotal());
      const data = new Uint8Array(await c.req.arrayBuffer());
      uploads.putChunk({ accountId: c.var.account.id, uploadId, index, total, data });
      return c.body(null, 204);
    });
}
