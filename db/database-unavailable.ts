// The driver's errors for a database that cannot be reached (down, restarting,
// network gone), by name: the same classes come from the driver Mongoose
// bundles and from the top-level one, so instanceof would miss one of them.
const UNREACHABLE = new Set(['MongoServerSelectionError', 'MongooseServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoPoolClearedError', 'MongoTopologyClosedError', 'MongoNotConnectedError']);

/** Whether an error means the database is not answering (rather than a bug or a bad request). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.name && UNREACHABLE.has(e.name)) return true;
  }
  return false;
}
