import mongoose from 'mongoose';

export type DatabaseEngine = 'mongodb' | 'ferretdb';

let assumed: DatabaseEngine | undefined;

/**
 * Take the engine as given instead of asking the server (config
 * DATABASE_ENGINE): 'mongodb' on FerretDB runs MongoDB's read paths and
 * indexes there, which is how the tests exercise them without a mongod.
 */
export function assumeDatabaseEngine(engine: DatabaseEngine | 'auto'): void {
  assumed = engine === 'auto' ? undefined : engine;
}

/**
 * FerretDB answers buildInfo with a ferretdbVersion field. FerretDB v1 with
 * SQLite serves only `_id` equality from an index and scans for any other
 * filter or sort, so some read paths choose differently on it.
 */
export async function detectDatabaseEngine(): Promise<DatabaseEngine> {
  if (assumed) return assumed;
  // Asked once per connected client: hot paths (a list page's badge counts, a total) ask on every request.
  const client = mongoose.connection.getClient();
  let answer = detected.get(client);
  if (!answer) {
    answer = mongoose.connection.db!.admin().command({ buildInfo: 1 }).then((info) => ('ferretdbVersion' in info ? 'ferretdb' : 'mongodb'));
    answer.catch(() => detected.delete(client)); // a failed question is asked again next time
    detected.set(client, answer);
  }
  return answer;
}

const detected = new WeakMap<object, Promise<DatabaseEngine>>();
