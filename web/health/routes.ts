import type { Connection } from '@temporalio/client';
import { Hono } from 'hono';
import { pingDatabase } from '../../db/connection';
import type { AppEnv } from '../env';

export const healthRoutes = new Hono<AppEnv>();

/** Reports whether the database and Temporal answer; 503 when either does not. */
healthRoutes.get('/', async (c) => {
  const temporal = c.get('services').temporal;
  const [database, temporalOk] = await Promise.all([
    pingDatabase(),
    (temporal.connection as Connection).healthService.check({}).then(
      () => true,
      () => false,
    ),
  ]);
  const ok = database && temporalOk;
  return c.json({ status: ok ? 'ok' : 'degraded', database: database ? 'up' : 'down', temporal: temporalOk ? 'up' : 'down' }, ok ? 200 : 503);
});
