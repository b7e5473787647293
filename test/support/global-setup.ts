// Starts (or reuses) the real Temporal dev server and database once per test
// run, makes sure the test namespace exists, and builds the workflow bundle
// once. Tests use their own namespace and databases, so a running dev
// instance's data is never touched.
import type { TestProject } from 'vitest/node';
import { join } from 'node:path';
import { buildWorkflowBundle } from '../../scripts/build-workflow-bundle';
import { ensureServices, TEST_NAMESPACE, type Services } from '../../scripts/services/index';
import { dataDir } from '../../scripts/services/paths';
import { connectTemporal, ensureNamespace } from '../../temporal/connection';

let services: Services | undefined;

export async function setup(project: TestProject) {
  services = await ensureServices();
  const connection = await connectTemporal(services.temporalAddress);
  await ensureNamespace(connection, TEST_NAMESPACE);
  await connection.close();
  const bundlePath = await buildWorkflowBundle(join(dataDir, 'test', 'workflow-bundle.js'));
  project.provide('testServices', {
    mongodbUri: services.mongodbUri,
    temporalAddress: services.temporalAddress,
    captureUrl: services.captureUrl,
    namespace: TEST_NAMESPACE,
    bundlePath,
  });
}

export async function teardown() {
  await services?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testServices: { mongodbUri: string; temporalAddress: string; captureUrl: string; namespace: string; bundlePath: string };
  }
}
