// Connecting to Temporal (address, TLS, API key: ./connection-options.ts).
import { Client, Connection } from '@temporalio/client';
import type { TemporalConnectionOptions } from './connection-options';

/** Connects, retrying until the frontend answers (it may still be starting); a plain string is an address without TLS. */
export async function connectTemporal(target: string | TemporalConnectionOptions, timeoutMs = 60_000): Promise<Connection> {
  const options = typeof target === 'string' ? { address: target } : target;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ ...options, connectTimeout: 2000 });
      await connection.healthService.check({});
      return connection;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal at ${options.address} is not reachable: ${String(lastError)}`);
}

export async function createTemporalClient(target: string | TemporalConnectionOptions, namespace: string): Promise<Client> {
  const connection = await connectTemporal(target);
  return new Client({ connection, namespace });
}

/** Whether the Temporal frontend answers its health check (the web server's /healthz). */
export async function temporalIsReachable(client: Client): Promise<boolean> {
  return (client.connection as Connection).healthService.check({}).then(
    () => true,
    () => false,
  );
}

export { ensureNamespace } from './ensure-namespace';
