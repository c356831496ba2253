// Serves the built app from dist/: hashed assets cached for a year, the shell and the service
// worker revalidated on every load, and any other page path answered with the shell (deep links).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';

const gzipAsync = promisify(gzip);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Files whose names carry a content hash never change, so browsers may keep them forever. */
const HASHED_ASSET = /^\/assets\//;
/** The shell and the worker must be revalidated so a deployment reaches users at their next visit. */
const ALWAYS_REVALIDATE = new Set(['/index.html', '/sw.js', '/registerSW.js']);

export function cacheControlFor(urlPath: string): string {
  if (HASHED_ASSET.test(urlPath)) return 'public, max-age=31536000, immutable';
  if (ALWAYS_REVALIDATE.has(urlPath)) return 'no-cache';
  return 'public, max-age=3600';
}

/** Text files worth compressing; images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);
const MIN_COMPRESS_BYTES = 1024;

/**
 * Gzipped copies of the built files, made once per file version instead of once per request:
 * the app's files change only with a deployment, and a whole build is a few hundred kB.
 */
const gzipCache = new Map<string, { version: string; bytes: Buffer }>();

async function gzipped(file: FoundFile, version: string): Promise<Buffer> {
  const cached = gzipCache.get(file.path);
  if (cached?.version === version) return cached.bytes;
  const bytes = await gzipAsync(await readFile(file.path), { level: 9 });
  gzipCache.set(file.path, { version, bytes });
  return bytes;
}

function acceptsGzip(c: Context): boolean {
  return /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
}

interface FoundFile {
  path: string;
  urlPath: string;
  size: number;
  mtimeMs: number;
}

async function findFile(distDir: string, urlPath: string): Promise<FoundFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(distDir, decoded));
  // Refuse anything that escapes dist/ (../, encoded or not) and hidden files such as .vite/.
  if (!path.startsWith(distDir + sep) || /(^|[\\/])\./.test(path.slice(distDir.length))) return null;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, urlPath: decoded, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

async function send(c: Context, file: FoundFile): Promise<Response> {
  const version = `${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}`;
  const etag = `W/"${version}"`;
  const extension = extname(file.path);
  const compressible = COMPRESSIBLE.has(extension) && file.size >= MIN_COMPRESS_BYTES;
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'cache-control': cacheControlFor(file.urlPath),
    etag,
  };
  if (compressible) headers.vary = 'accept-encoding';
  if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  if (compressible && acceptsGzip(c)) {
    const bytes = await gzipped(file, version);
    headers['content-encoding'] = 'gzip';
    headers['content-length'] = String(bytes.length);
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers });
  }
  headers['content-length'] = String(file.size);
  if (c.req.method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

/** Handler for GET/HEAD of everything outside /api. Returns null when nothing fits (a missing file). */
export function staticFiles(distDir: string) {
  const root = normalize(distDir);
  return async (c: Context): Promise<Response | null> => {
    const urlPath = c.req.path === '/' ? '/index.html' : c.req.path;
    const file = await findFile(root, urlPath);
    if (file) return send(c, file);
    // A path with an extension is a missing file, not a page: answer 404 rather than the shell.
    if (extname(urlPath) !== '') return null;
    const shell = await findFile(root, '/index.html');
    return shell ? send(c, shell) : null;
  };
}
