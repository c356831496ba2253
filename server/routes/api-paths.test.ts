// Every path of the client's API table (core/api-paths.ts) is a route of the real server, so a
// renamed or removed route breaks this test instead of the app.
import { describe, expect, it } from 'vitest';
import { API } from '../../core/api-paths';
import { createTestApp } from '../test-support/test-app';

type Table = { readonly [name: string]: string | ((...ids: string[]) => string) | Table };

/** Every path in the table, with each id filled by a sample. */
function pathsOf(table: Table, prefix = ''): Array<{ name: string; path: string }> {
  return Object.entries(table).flatMap(([name, value]) => {
    const label = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') return [{ name: label, path: value }];
    if (typeof value === 'function') return [{ name: label, path: value('id-1', 'id-2') }];
    return pathsOf(value, label);
  });
}

const toPattern = (routePath: string) =>
  new RegExp(`^${routePath.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\*$/, '.*')}$`);

describe('the client API table', () => {
  it('names only paths the server answers', async () => {
    const t = await createTestApp();
    try {
      const routes = t.app.routes
        .filter(({ method, path }) => path.startsWith('/api/') && !(method === 'ALL' && path.endsWith('*')))
        .map(({ path }) => toPattern(path));
      const paths = pathsOf(API as unknown as Table);
      expect(paths.length).toBeGreaterThan(40);
      const unknown = paths.filter(({ path }) => !routes.some((pattern) => pattern.test(path)));
      expect(unknown).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
