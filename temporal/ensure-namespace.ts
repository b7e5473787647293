// Making sure the namespace and Casebook's search attributes exist on a
// Temporal server we did not start ourselves (compose's auto-setup, a
// self-hosted cluster, Temporal Cloud). Every worker and web server runs it at
// start: several replicas may race, so "already exists" is success, and where
// the server does not let a client register (Temporal Cloud: namespaces and
// attributes are made in its console), the report says so and start goes on.
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import Long from 'long';
import { searchAttributeDefinitions } from './search-attributes';

const { IndexedValueType } = proto.temporal.api.enums.v1;

/** gRPC status codes the answers below depend on. */
const GRPC = { ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, NOT_FOUND: 5, UNIMPLEMENTED: 12 } as const;

export type NamespaceReport = {
  namespace: 'existed' | 'registered' | 'not allowed to register';
  searchAttributes: { existed: string[]; added: string[]; missing: string[] };
};

const codeOf = (err: unknown) => (err as { code?: number }).code;

export async function ensureNamespace(connection: Connection, namespace: string): Promise<NamespaceReport> {
  const report: NamespaceReport = { namespace: 'existed', searchAttributes: { existed: [], added: [], missing: [] } };
  if (!(await namespaceServed(connection, namespace))) {
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(7 * 24 * 3600) } });
      report.namespace = 'registered';
    } catch (err) {
      if (codeOf(err) === GRPC.ALREADY_EXISTS) report.namespace = 'existed';
      else if (codeOf(err) === GRPC.PERMISSION_DENIED || codeOf(err) === GRPC.UNIMPLEMENTED) report.namespace = 'not allowed to register';
      else throw err;
    }
    // A freshly registered namespace takes a moment to be served.
    let served = false;
    for (let i = 0; i < 50 && !(served = await namespaceServed(connection, namespace)); i++) await new Promise((r) => setTimeout(r, 200));
    if (!served) throw new Error(`Temporal namespace "${namespace}" does not exist and this server did not let Casebook register it (${report.namespace}): create it, or set TEMPORAL_NAMESPACE.`);
  }
  const wanted = Object.keys(searchAttributeDefinitions) as (keyof typeof searchAttributeDefinitions)[];
  const existing = await listCustomAttributes(connection, namespace);
  const missing = wanted.filter((name) => !existing.has(name));
  report.searchAttributes.existed = wanted.filter((name) => existing.has(name));
  if (missing.length === 0) return report;
  const searchAttributes: Record<string, number> = {};
  for (const name of missing) {
    searchAttributes[name] = searchAttributeDefinitions[name] === 'Keyword' ? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD : IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
  }
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    if (codeOf(err) !== GRPC.ALREADY_EXISTS && codeOf(err) !== GRPC.PERMISSION_DENIED && codeOf(err) !== GRPC.UNIMPLEMENTED) throw err;
  }
  // Read back: a racing replica may have added them, or the server refused.
  const after = await listCustomAttributes(connection, namespace);
  for (const name of missing) (after.has(name) ? report.searchAttributes.added : report.searchAttributes.missing).push(name);
  return report;
}

async function namespaceServed(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } catch (err) {
    if (codeOf(err) === GRPC.NOT_FOUND) return false;
    throw err;
  }
}

async function listCustomAttributes(connection: Connection, namespace: string): Promise<Set<string>> {
  // A namespace another replica has just registered is described before every service knows it: wait up to 10 s.
  for (let attempt = 0; ; attempt++) {
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      return new Set(Object.keys(customAttributes ?? {}));
    } catch (err) {
      // Temporal Cloud does not serve the operator API to API keys without the admin role: say nothing is known.
      if (codeOf(err) === GRPC.PERMISSION_DENIED || codeOf(err) === GRPC.UNIMPLEMENTED) return new Set();
      if (codeOf(err) !== GRPC.NOT_FOUND || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
