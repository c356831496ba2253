// One resource store per app: its statements are prepared once, not on every request.
import type { AppDeps } from '../../context';
import { perApp } from '../per-app';
import { createResourceStore, type ResourceStore } from './store';

export const storeOf = perApp(
  (deps: Pick<AppDeps, 'db' | 'now'>): ResourceStore => createResourceStore(deps.db, deps.now),
);
