import { ActivityFailure, ApplicationFailure, CancellationScope, continueAsNew, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities, ImportPassMode } from '../activities/index';
import { importProgressQuery, type ImportPassCounts } from './messages/import-contacts';
import { importTaskQueue } from './task-queues';

type Counts = ImportPassCounts;
type Example = { row: number; outcome: keyof Counts; contactId?: string; reason?: string; name?: string };

/** The import activities, on the imports task queue next to this workflow's own. */
function importActivities() {
  const taskQueue = importTaskQueue(workflowInfo().taskQueue);
  const { startImportPass, finishImportPass, undoImport } = proxyActivities<Activities>({
    taskQueue,
    startToCloseTimeout: '1 hour',
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds' },
  });
  const { runImportSegment } = proxyActivities<Activities>({
    taskQueue,
    startToCloseTimeout: '30 minutes',
    // A killed worker is noticed within this and the segment retried on another.
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['InvalidImportFile', 'ImportNotFound'] },
    cancellationType: 'WAIT_CANCELLATION_COMPLETED',
  });
  return { startImportPass, finishImportPass, undoImport, runImportSegment };
}

// A segment is at most this many rows or this long; a long file continues as new every few segments
// (a million-row file does once), so the history stays short however long the file is.
const SEGMENT_ROWS = 100_000;
const SEGMENT_MILLIS = 2 * 60_000;
const SEGMENTS_PER_RUN = 5;

export type ImportContactsInput = {
  importId: string;
  mode: ImportPassMode;
  /** Carried across continue-as-new. */
  fromItem?: number;
  counts?: Counts;
  examples?: Example[];
};
export type ImportContactsResult = { status: 'completed' | 'failed' | 'cancelled'; rows: number; counts: Counts; error?: string };

/**
 * One pass over an uploaded file: a dry run (mode 'dry': decides every row
 * and writes nothing but the outcome) or the import itself (mode 'run').
 * Rows never enter the workflow's history: segments read the stored file
 * and the ledger, and return counts.
 */
export async function ImportContactsWorkflow(input: ImportContactsInput): Promise<ImportContactsResult> {
  const { startImportPass, runImportSegment, finishImportPass } = importActivities();
  let fromItem = input.fromItem ?? 0;
  let counts: Counts = input.counts ?? { created: 0, updated: 0, merged: 0, skipped: 0, failed: 0 };
  let examples = input.examples ?? [];
  setHandler(importProgressQuery, () => ({ rowsDone: fromItem, counts }));
  if (input.fromItem === undefined) await startImportPass({ importId: input.importId, mode: input.mode });
  try {
    for (let segment = 0; ; segment++) {
      if (segment === SEGMENTS_PER_RUN) {
        await continueAsNew<typeof ImportContactsWorkflow>({ importId: input.importId, mode: input.mode, fromItem, counts, examples });
      }
      const result = await runImportSegment({ importId: input.importId, mode: input.mode, fromItem, countsBefore: counts, examplesBefore: examples, maxRows: SEGMENT_ROWS, maxMillis: SEGMENT_MILLIS });
      fromItem = result.nextItem;
      counts = result.counts;
      examples = result.examples;
      if (result.done) break;
    }
    await finishImportPass({ importId: input.importId, mode: input.mode, outcome: 'completed', examples });
    return { status: 'completed', rows: fromItem, counts };
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => finishImportPass({ importId: input.importId, mode: input.mode, outcome: 'cancelled', examples }));
      return { status: 'cancelled', rows: fromItem, counts };
    }
    const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
    if (cause?.type === 'InvalidImportFile') {
      await finishImportPass({ importId: input.importId, mode: input.mode, outcome: 'failed', error: cause.message, examples });
      return { status: 'failed', rows: fromItem, counts, error: cause.message };
    }
    throw err;
  }
}

/** Takes a finished (or cancelled) import back; see activities/imports/undo-import.ts. */
export async function UndoImportWorkflow(input: { importId: string }) {
  return await importActivities().undoImport({ importId: input.importId });
}
