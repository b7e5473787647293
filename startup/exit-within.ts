import type { Logger } from 'pino';

/**
 * On SIGTERM or SIGINT, the process ends within `ms` whatever its clean-up is
 * waiting on (a drain against a Temporal server that is gone, a database
 * close that never answers), so orchestrators (compose, Kubernetes, npm start)
 * see a prompt exit instead of killing it later. Until the returned `serving()`
 * is called there is nothing to drain, and a signal ends the process at once.
 */
export function exitWithin(ms: number, log: Logger): { serving: () => void } {
  let isServing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!isServing) {
      log.info({ signal }, 'stopped while starting');
      process.exit(0);
    }
    setTimeout(() => {
      log.warn({ signal, afterMs: ms }, 'clean stop did not finish in time; exiting');
      process.exit(0);
    }, ms).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return { serving: () => void (isServing = true) };
}
