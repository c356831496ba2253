// One resource store per app: its statements are prepared once, not on every request.
import type { AppDeps } from '../../context';
import { createResourceStore, type ResourceStore } from './store';

const built = new WeakMap<object, ResourceStore>();

export function storeOf(deps: Pick<AppDeps, 'db' | 'now'>): ResourceStore {
  let store = built.get(deps);
  if (!store) {
    store = createResourceStore(deps.db, deps.now);
    built.set(deps, store);
  }
  return store;
}
