// Makes sure a Temporal dev server (with its Web UI) and a MongoDB-wire
// database are running, and returns their addresses. Used by `npm start`,
// the test setup, the benchmarks and `.ci/run`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../../config/config';
import { searchAttributeDefinitions } from '../../temporal/search-attributes';
import { findOrInstallDatabase, findOrInstallTemporal } from './install';
import { dataDir, repoRoot } from './paths';
import { devTools } from '../../config/dev-tools';
import { isPortOpen, say, startLogged, waitForPort, type Supervised } from './process';

export const TEST_NAMESPACE = 'casebook-test';

export type Services = {
  temporalAddress: string;
  temporalUiUrl?: string;
  mongodbUri: string;
  /** The capture server standing in for SendGrid and Twilio (scripts/capture). */
  captureUrl: string;
  /** What was used for each service, for the start-up banner and the closing note. */
  rungs: { temporal: string; database: string };
  /** What this call started (servers found running are not in it), for a supervisor to watch and restart. */
  started: Supervised[];
  /** Stops only what this call started; servers found running are left alone. */
  stop: () => Promise<void>;
};

export type EnsureOptions = {
  temporalPort?: number;
  temporalUiPort?: number;
  mongodbPort?: number;
  capturePort?: number;
  /** Install the binaries and return without starting anything. */
  installOnly?: boolean;
};

export async function ensureServices(options: EnsureOptions = {}): Promise<Services> {
  const temporalPort = options.temporalPort ?? config.TEMPORAL_PORT;
  const uiPort = options.temporalUiPort ?? config.TEMPORAL_UI_PORT;
  const mongoPort = options.mongodbPort ?? config.MONGODB_PORT;
  const started: Supervised[] = [];
  const stop = async () => {
    await Promise.all([...started].reverse().map((s) => s.stop()));
  };

  try {
    const temporal = await ensureTemporal(temporalPort, uiPort, started, options.installOnly);
    const database = await ensureDatabase(mongoPort, started, options.installOnly);
    const captureUrl = await ensureCaptureServer(options.capturePort ?? devTools.CAPTURE_PORT, started, options.installOnly);
    return { ...temporal, ...database, captureUrl, rungs: { temporal: temporal.rung, database: database.rung }, started, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function ensureTemporal(port: number, uiPort: number, started: Supervised[], installOnly?: boolean) {
  if (config.TEMPORAL_ADDRESS) {
    return { temporalAddress: config.TEMPORAL_ADDRESS, temporalUiUrl: config.TEMPORAL_UI_URL, rung: 'TEMPORAL_ADDRESS (external)' };
  }
  const address = `127.0.0.1:${port}`;
  const uiUrl = `http://127.0.0.1:${uiPort}`;
  if (!installOnly && (await isPortOpen(port))) {
    say(`Temporal already listening on ${address}; reusing it`);
    return { temporalAddress: address, temporalUiUrl: uiUrl, rung: 'already running' };
  }
  const found = findOrInstallTemporal();
  if (installOnly) return { temporalAddress: address, temporalUiUrl: uiUrl, rung: found.rung };

  const dir = join(dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const args = ['server', 'start-dev', '--db-filename', join(dir, 'temporal.db'), '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort), '--namespace', TEST_NAMESPACE, '--log-level', 'warn'];
  for (const [name, type] of Object.entries(searchAttributeDefinitions)) args.push('--search-attribute', `${name}=${type}`);
  say(`Starting Temporal dev server (${found.rung}) on ${address}, Web UI on ${uiUrl}`);
  const service = startLogged('temporal', found.path, args, dataDir, port);
  started.push(service);
  await waitForPort(port, 'Temporal dev server', 60_000, service.child);
  return { temporalAddress: address, temporalUiUrl: uiUrl, rung: found.rung };
}

async function ensureDatabase(port: number, started: Supervised[], installOnly?: boolean) {
  if (config.MONGODB_URI) return { mongodbUri: config.MONGODB_URI, rung: 'MONGODB_URI (external)' };
  const uri = `mongodb://127.0.0.1:${port}/`;
  if (!installOnly && (await isPortOpen(port))) {
    say(`A database is already listening on ${uri}; reusing it`);
    return { mongodbUri: uri, rung: 'already running' };
  }
  const found = findOrInstallDatabase();
  if (installOnly) return { mongodbUri: uri, rung: found.rung };

  const dir = join(dataDir, found.kind);
  mkdirSync(dir, { recursive: true });
  const args =
    found.kind === 'mongod'
      ? ['--dbpath', dir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet']
      : ['--listen-addr', `127.0.0.1:${port}`, '--data-dir', dir];
  say(`Starting ${found.kind} (${found.rung}) on ${uri}`);
  const service = startLogged(found.kind, found.path, args, dataDir, port);
  started.push(service);
  await waitForPort(port, found.kind, 30_000, service.child);
  return { mongodbUri: uri, rung: found.rung };
}

/** The local SendGrid and Twilio (scripts/capture/capture-server.ts): a Node process of this checkout, nothing to install. */
async function ensureCaptureServer(port: number, started: Supervised[], installOnly?: boolean): Promise<string> {
  const url = `http://127.0.0.1:${port}`;
  if (installOnly) return url;
  if (await isPortOpen(port)) {
    say(`A capture server is already listening on ${url}; reusing it`);
    return url;
  }
  const dir = join(dataDir, 'capture');
  mkdirSync(dir, { recursive: true });
  say(`Starting the capture server (SendGrid and Twilio APIs) on ${url}`);
  const service = startLogged('capture', process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'capture', 'capture-server.ts'), '--port', String(port), '--data', dir], repoRoot, port);
  started.push(service);
  await waitForPort(port, 'capture server', 30_000, service.child);
  return url;
}
