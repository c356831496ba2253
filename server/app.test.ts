// The HTTP contract every later feature relies on: health, problem+json errors, security
// headers, caching of the built app, deep links and the manifest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support/test-app';

let t: TestApp;

function writeDist(dir: string) {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title><portal-app></portal-app>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
  mkdirSync(join(dir, 'icons'));
  writeFileSync(join(dir, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
}

beforeEach(async () => {
  t = await createTestApp({ PRACTICE_NAME: 'Maple Grove Clinic' });
  writeDist(t.config.distDir);
});
afterEach(() => t.cleanup());

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { status: number; title: string; type: string };
  expect(body.status).toBe(status);
  expect(body.title.length).toBeGreaterThan(0);
  return body;
}

describe('health and practice', () => {
  it('reports that the database answers', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('reports 503 problem+json when the database is gone', async () => {
    t.db.close();
    const res = await t.app.request('/api/health');
    await expectProblem(res, 503);
  });

  it('describes the configured practice, not the demo one', async () => {
    const res = await t.app.request('/api/practice');
    const body = (await res.json()) as { name: string; offices: unknown[] };
    expect(body.name).toBe('Maple Grove Clinic');
    expect(body.offices.length).toBeGreaterThanOrEqual(1);
  });
});

describe('API errors are problem+json with a 4xx', () => {
  it('answers an unknown API route with 404', async () => {
    const body = await expectProblem(await t.app.request('/api/no-such-thing'), 404);
    expect(body.type).toBe('/problems/not-found');
  });

  it('answers a wrong method with 405 and the allowed methods', async () => {
    const res = await t.app.request('/api/health', { method: 'DELETE' });
    await expectProblem(res, 405);
    expect(res.headers.get('allow')).toContain('GET');
  });

  const report = {
    'csp-report': {
      'effective-directive': 'script-src-elem',
      'blocked-uri': 'https://evil.example/x.js?patient=Jane',
    },
  };

  it('refuses a body that is not JSON with 400', async () => {
    const res = await t.app.request('/api/csp-reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"csp-report": ',
    });
    await expectProblem(res, 400);
  });

  it('names a broken JSON body as such on every JSON endpoint', async () => {
    const res = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "someone@example.com", ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { type: string }).type).toBe('/problems/invalid-json');
  });

  it('refuses a body of the wrong content type with 415', async () => {
    const res = await t.app.request('/api/csp-reports', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(report),
    });
    await expectProblem(res, 415);
  });

  it('refuses a body that is too large with 413', async () => {
    const res = await t.app.request('/api/csp-reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'csp-report': { 'blocked-uri': 'x'.repeat(70_000) } }),
    });
    await expectProblem(res, 413);
  });

  it('names the invalid field with 422', async () => {
    const res = await t.app.request('/api/csp-reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'csp-report': { 'effective-directive': 42 } }),
    });
    const body = (await expectProblem(res, 422)) as unknown as { errors: Record<string, string> };
    expect(Object.keys(body.errors).join(' ')).toContain('body');
  });

  it('accepts a CSP report and logs only the directive and the blocked origin', async () => {
    const res = await t.app.request('/api/csp-reports', {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify(report),
    });
    expect(res.status).toBe(204);
    const logged = t.logLines.join('\n');
    expect(logged).toContain('"directive":"script-src-elem"');
    expect(logged).toContain('https://evil.example');
    expect(logged).not.toContain('Jane');
  });

  it('logs the route pattern, never the query string', async () => {
    await t.app.request('/api/health?name=Jane%20Doe');
    expect(t.logLines.join('\n')).not.toContain('Jane');
  });
});

describe('security headers', () => {
  for (const path of ['/api/health', '/', '/api/nothing', '/assets/main-abc123.js']) {
    it(`sends a strict policy on ${path}`, async () => {
      const res = await t.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });
  }

  it('adds HSTS when the public URL is https', async () => {
    const https = await createTestApp({ PUBLIC_URL: 'https://portal.example' });
    try {
      const res = await https.app.request('/api/health');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      https.cleanup();
    }
  });
});

describe('serving the built app', () => {
  it('caches hashed assets for a year and revalidates the shell and the worker', async () => {
    expect((await t.app.request('/assets/main-abc123.js')).headers.get('cache-control')).toContain(
      'immutable',
    );
    expect((await t.app.request('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await t.app.request('/index.html')).headers.get('cache-control')).toBe('no-cache');
    expect((await t.app.request('/sw.js')).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a deep link with the shell', async () => {
    const res = await t.app.request('/my-health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<portal-app>');
  });

  it('answers a missing file with 404 instead of the shell', async () => {
    expect((await t.app.request('/assets/missing-123.js')).status).toBe(404);
  });

  it('never serves files outside dist or hidden build files', async () => {
    writeFileSync(join(t.dir, 'secret.txt'), 'SECRET-OUTSIDE-DIST');
    for (const path of [
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/.vite/manifest.json',
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('SECRET-OUTSIDE-DIST');
    }
  });

  it('sends text files gzipped to browsers that accept it, and the same bytes after decompressing', async () => {
    const script = `console.log(${JSON.stringify('x'.repeat(5000))});`;
    writeFileSync(join(t.config.distDir, 'assets', 'big-def456.js'), script);
    const zipped = await t.app.request('/assets/big-def456.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toContain('accept-encoding');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(script.length);
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(script);
    const plain = await t.app.request('/assets/big-def456.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers a repeat visit with 304 when nothing changed', async () => {
    const first = await t.app.request('/sw.js');
    const etag = first.headers.get('etag') ?? '';
    const again = await t.app.request('/sw.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('web app manifest', () => {
  it('makes the app installable under the practice name', async () => {
    const res = await t.app.request('/manifest.webmanifest');
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const m = (await res.json()) as Record<string, unknown> & {
      icons: { sizes: string; purpose: string }[];
      shortcuts: unknown[];
    };
    expect(m.name).toContain('Maple Grove Clinic');
    for (const key of [
      'short_name',
      'description',
      'start_url',
      'scope',
      'theme_color',
      'background_color',
    ]) {
      expect(m[key], key).toBeTruthy();
    }
    expect(m.display).toBe('standalone');
    expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(m.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    expect(m.shortcuts.length).toBeGreaterThan(0);
  });
});
