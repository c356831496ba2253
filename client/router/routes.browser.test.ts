// Every destination can be opened: each route has a view, no view is left without a route, and
// sign-in only ever sends someone on to one of the app's own pages.
import { expect } from '@open-wc/testing';
import { routes, safeNext, signInHref } from './routes';
import { VIEWS } from './views';

describe('the app’s destinations', () => {
  it('has a view for every route and a route for every view', () => {
    const paths = routes.map((route) => route.path);
    expect(paths.filter((path) => !(path in VIEWS))).to.deep.equal([]);
    expect(Object.keys(VIEWS).filter((path) => !paths.includes(path))).to.deep.equal([]);
    expect(new Set(paths).size).to.equal(paths.length);
  });

  it('sends a signed-in user on only to a page of the app', () => {
    expect(safeNext('?next=/my-health')).to.equal('/my-health');
    expect(safeNext('?next=//evil.example/my-health')).to.equal('/');
    expect(safeNext('?next=https://evil.example')).to.equal('/');
    expect(safeNext('?next=/sign-in')).to.equal('/');
    expect(signInHref('/billing')).to.equal('/sign-in?next=/billing');
  });
});
