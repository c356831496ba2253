// GET /api/health: whether the server and its database answer, for monitors and load balancers.
import { Hono } from 'hono';
import type { AppDeps } from '../context';
import { problemResponse, problems } from '../http/problem';

export function healthRoutes({ db }: AppDeps) {
  const ping = db.prepare('SELECT 1 AS ok').pluck();
  return new Hono().get('/', (c) => {
    try {
      ping.get();
    } catch {
      return problemResponse(problems.unavailable('The database does not answer.'), { 'retry-after': '10' });
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' as const, database: 'ok' as const });
  });
}
