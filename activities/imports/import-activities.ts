import { ApplicationFailure, CancelledFailure, Context, heartbeat } from '@temporalio/activity';
import { finishImportPass, startImportPass, type PassOutcome } from '../../db/imports/import-pass-status';
import { forgetImportMatchState } from './import-match-state';
import { discardParkedRows } from './segment-rows';
import { runImportSegment, type ImportPassMode, type SegmentInput, type SegmentResult } from './run-import-segment';
import { undoImport, type UndoResult } from './undo-import';
import { importCreatedBy, loadImportJob } from '../../db/imports/import-jobs';
import type { ImportExample } from '../../db/models/index';
import { InvalidImportFile } from '../../domain/imports/import-file';
import type { ActivityDepsWithoutOutbox } from '../deps';

export type { SegmentResult, ImportPassMode, UndoResult };

/**
 * Import activities. A segment heartbeats after every batch with the row it
 * reached; a retried segment starts over from its first row and finds its
 * finished batches in the ledger. A file that cannot be read any further is
 * not retried: the message goes to staff.
 */
export function createImportActivities(deps: ActivityDepsWithoutOutbox) {
  return {
    async startImportPass(input: { importId: string; mode: ImportPassMode }): Promise<void> {
      const job = await loadImportJob(input.importId);
      if (!job) throw ApplicationFailure.nonRetryable(`No import ${input.importId}`, 'ImportNotFound');
      await startImportPass({ importId: input.importId, mode: input.mode, policy: job.policy, now: deps.clock() });
    },

    async runImportSegment(input: SegmentInput): Promise<SegmentResult> {
      const ctx = Context.current();
      let last = input.fromItem;
      // Between batches a keep-alive beat, so a slow first read of the contacts does not look like a dead worker.
      const beat = setInterval(() => heartbeat({ item: last }), 2000);
      try {
        return await runImportSegment(input, {
          storage: deps.storage,
          region: deps.defaultPhoneRegion,
          emailRules: deps.emailRules,
          actorId: await importCreatedBy(input.importId),
          fresh: ctx.info.attempt > 1,
          matchIndexDir: deps.indexDir,
          now: deps.clock,
          checkpoint: (item) => {
            last = item;
            heartbeat({ item });
            if (ctx.cancellationSignal.aborted) throw new CancelledFailure('Import cancelled');
          },
        });
      } catch (err) {
        if (err instanceof InvalidImportFile) throw ApplicationFailure.nonRetryable(err.message, 'InvalidImportFile');
        throw err;
      } finally {
        clearInterval(beat);
      }
    },

    async finishImportPass(input: { importId: string; mode: ImportPassMode; outcome: PassOutcome; error?: string; examples?: ImportExample[] }): Promise<void> {
      // A million contacts' index, and the file reader, are not kept for nothing.
      forgetImportMatchState(`${input.importId}:${input.mode}`);
      discardParkedRows(`${input.importId}:${input.mode}`);
      await finishImportPass({ ...input, now: deps.clock() });
    },

    async undoImport(input: { importId: string }): Promise<UndoResult> {
      const beat = setInterval(() => heartbeat(), 2000);
      try {
        return await undoImport({ importId: input.importId, now: deps.clock, onBatch: () => heartbeat() });
      } finally {
        clearInterval(beat);
      }
    },
  };
}
