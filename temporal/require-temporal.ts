import type { Client, Connection } from '@temporalio/client';
import { AppError } from '../domain/app-error';

const CHECK_MS = 3_000;

/**
 * Throws a clear UNAVAILABLE error when the Temporal frontend does not answer
 * its health check within a few seconds. Called before starting work from the
 * dashboard, so a start that cannot happen says so at once (a start made
 * while Temporal is down retries for about 20 s and fails with a gRPC error,
 * or, cut short, cannot tell whether it started). Nothing was started, so
 * trying again is safe.
 */
export async function requireTemporal(client: Client, what: string): Promise<void> {
  const connection = client.connection as Connection;
  const answered = await connection
    .withDeadline(Date.now() + CHECK_MS, () => connection.healthService.check({}))
    .then(() => true, () => false);
  if (!answered) throw new AppError('UNAVAILABLE', `${what} could not be started: the background service that runs it is not answering. Nothing was changed; try again in a moment.`);
}
