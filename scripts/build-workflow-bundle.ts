// Builds the workflow bundle once (production images, test runs) so workers
// start in a second instead of bundling at every start.
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function buildWorkflowBundle(outPath: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
  });
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, code);
  return outPath;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  buildWorkflowBundle(out)
    .then((p) => console.log(`workflow bundle written to ${p}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
