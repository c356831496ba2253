// Measures the gzip size of the JavaScript (and CSS) each route loads first, from Vite's build
// manifest: the shell's entry and its static imports, plus the route's own lazily loaded chunk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type ViteManifest = Record<string, ManifestChunk>;

export interface RouteSize {
  route: string;
  files: number;
  gzipBytes: number;
}

function gzipSize(distDir: string, file: string): number {
  return gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
}

/** Every file a chunk loads before it runs: itself, its static imports (recursively), their CSS. */
function closure(manifest: ViteManifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

/**
 * client/pages/<area>/<area>-page.ts → "/<area>" ("home" is "/"). Another chunk a page loads only
 * when asked (the billing statement's PDF maker, say) is named after its page and file.
 */
function routeOf(src: string): string | null {
  const match = /^client\/pages\/([^/]+)\/([^/]+)\.ts$/.exec(src);
  if (!match?.[1] || !match[2]) return null;
  const route = match[1] === 'home' ? '/' : `/${match[1]}`;
  return match[2].endsWith('-page') ? route : `${route}, ${match[2]} on demand`;
}

export function routeSizes(distDir: string): RouteSize[] {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('No entry chunk in the Vite manifest: is dist/ a production build?');
  const shell = closure(manifest, entryKey);
  const sum = (files: Set<string>) => [...files].reduce((total, f) => total + gzipSize(distDir, f), 0);
  const rows: RouteSize[] = [{ route: 'shell (entry)', files: shell.size, gzipBytes: sum(shell) }];
  for (const [key, chunk] of Object.entries(manifest)) {
    const route = chunk.isDynamicEntry && chunk.src ? routeOf(chunk.src) : null;
    if (!route) continue;
    const files = closure(manifest, key, new Set(shell));
    rows.push({ route, files: files.size, gzipBytes: sum(files) });
  }
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}
