// GET /api/practice: the practice's name, contacts and offices from configuration (public, no PHI).
import { Hono } from 'hono';
import type { AppDeps } from '../context';

export function practiceRoutes({ config }: AppDeps) {
  return new Hono().get('/', (c) => {
    c.header('cache-control', 'no-cache');
    return c.json(config.practice);
  });
}
