// `npm run build`: the production output in dist/: worker.js and server.js
// (our TypeScript bundled by esbuild into ES modules that plain `node` runs;
// packages stay in node_modules, loaded as they are) and the prebuilt
// workflow bundle. The image runs only this; views/ and the matcher's data
// are read from the app's folder at run time (config/app-files.ts).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkflowBundle } from './build-workflow-bundle';
import { repoRoot } from './services/paths';

export async function buildProduction(outDir: string): Promise<{ outDir: string; workflowBundle: string }> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: { worker: 'worker.ts', server: 'server.ts' },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    // worker.ts loads the activities for its role lazily: keep them separate chunks.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  const workflowBundle = await buildWorkflowBundle(join(outDir, 'workflow-bundle.js'));
  return { outDir, workflowBundle };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(repoRoot, 'dist'));
  buildProduction(out)
    .then((r) => console.log(`built ${r.outDir} (worker.js, server.js, workflow-bundle.js)`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
