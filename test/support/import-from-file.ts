import mongoose, { Types } from 'mongoose';
import { createReadStream, readFileSync } from 'node:fs';
import { createImportJob } from '../../db/imports/import-jobs';
import type { ImportPolicy } from '../../domain/imports/combine-import-row';
import { suggestColumnMapping } from '../../domain/imports/suggest-column-mapping';
import { analyzeImportFile } from '../../activities/imports/files/analyze-import-file';
import { startImportWorkflow } from '../../temporal/import-contacts';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import type { TestEnv } from './test-env';

/** Uploads a file the way the dashboard does (stored, analyzed, mapping suggested) and returns the import id. */
export async function importJobFromFile(path: string, o: { policy: ImportPolicy; id?: string }): Promise<string> {
  const head = readFileSync(path).subarray(0, 64 * 1024);
  const analysis = await analyzeImportFile({ head, open: async () => createReadStream(path) });
  const stored = await createGridFsStorage(mongoose.connection.db!).put(createReadStream(path), { filename: 'test.csv', contentType: 'text/csv' });
  return createImportJob({ id: o.id, fileName: 'test.csv', fileKey: stored.key, size: stored.size, analysis, mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), actor: { id: new Types.ObjectId('65a000000000000000000001'), name: 'Test' }, dateOrder: 'mdy', policy: o.policy });
}

/** Runs one pass (dry run, import or undo) through the real workflow and returns its result. */
export async function runImportPass(env: TestEnv, importId: string, kind: 'dry-run' | 'run' | 'undo') {
  const workflowId = await startImportWorkflow(env.temporal, { importId, kind, taskQueue: env.taskQueue, actorId: 'test', fileName: 'test.csv' });
  return env.temporal.workflow.getHandle(workflowId).result();
}
