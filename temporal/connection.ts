// Connecting to Temporal, and making sure a namespace and Casebook's search
// attributes exist on a server we did not start ourselves.
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import Long from 'long';
import { searchAttributeDefinitions } from './search-attributes';

const { IndexedValueType } = proto.temporal.api.enums.v1;

export async function connectTemporal(address: string, timeoutMs = 60_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      await connection.healthService.check({});
      return connection;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal at ${address} is not reachable: ${String(lastError)}`);
}

export async function ensureNamespace(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(7 * 24 * 3600) },
    });
  }
  // A freshly registered namespace takes a moment to be served.
  for (let i = 0; i < 50; i++) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.entries(searchAttributeDefinitions).filter(([name]) => !(name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  const searchAttributes: Record<string, number> = {};
  for (const [name, type] of missing) {
    searchAttributes[name] = type === 'Keyword' ? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD : IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
  }
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

export async function createTemporalClient(address: string, namespace: string): Promise<Client> {
  const connection = await connectTemporal(address);
  return new Client({ connection, namespace });
}

/** Whether the Temporal frontend answers its health check (the web server's /healthz). */
export async function temporalIsReachable(client: Client): Promise<boolean> {
  return (client.connection as Connection).healthService.check({}).then(
    () => true,
    () => false,
  );
}
