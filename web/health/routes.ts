import { Hono } from 'hono';
import { pingDatabase } from '../../db/connection';
import { temporalIsReachable } from '../../temporal/connection';
import type { AppEnv } from '../env';

export const healthRoutes = new Hono<AppEnv>();

/** Reports whether the database and Temporal answer; 503 when either does not. */
healthRoutes.get('/', async (c) => {
  const [database, temporal] = await Promise.all([pingDatabase(), temporalIsReachable(c.get('services').temporal)]);
  const ok = database && temporal;
  return c.json({ status: ok ? 'ok' : 'degraded', database: database ? 'up' : 'down', temporal: temporal ? 'up' : 'down' }, ok ? 200 : 503);
});
