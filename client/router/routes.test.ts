// Every destination can be opened: each route has a view, no view is left without a route, and
// sign-in only ever sends someone on to one of the app's own pages.
import { describe, expect, it } from 'vitest';
import { routes, safeNext, signInHref } from './routes';
import { VIEWS } from './views';

describe('the app’s destinations', () => {
  it('has a view for every route and a route for every view', () => {
    const paths = routes.map((route) => route.path);
    expect(paths.filter((path) => !(path in VIEWS))).toEqual([]);
    expect(Object.keys(VIEWS).filter((path) => !paths.includes(path))).toEqual([]);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('sends a signed-in user on only to a page of the app', () => {
    expect(safeNext('?next=/my-health')).toBe('/my-health');
    expect(safeNext('?next=//evil.example/my-health')).toBe('/');
    expect(safeNext('?next=https://evil.example')).toBe('/');
    expect(safeNext('?next=/sign-in')).toBe('/');
    expect(signInHref('/billing')).toBe('/sign-in?next=/billing');
  });
});
