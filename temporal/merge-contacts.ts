// Starting MergeContactsWorkflow / UnmergeContactsWorkflow and asking them which step they are in.
import type { Client } from '@temporalio/client';
import type { MergeContactsInput, MergeResult } from '../workflows/index';
import { mergeStepQuery, type MergeStep } from '../workflows/messages/merge-contacts';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

export type { MergeStep };
type MergeKind = 'merge' | 'unmerge';
const workflowIdOf = (kind: MergeKind, mergeId: string) => `${kind}-contacts-${mergeId}`;

/** Starts the merge (or unmerge) of merge record `mergeId`; the workflow id is derived from it, so a double submit starts one. */
export async function startMergeWorkflow(client: Client, o: { mergeId: string; taskQueue: string; actorId: string; kind: MergeKind; summary: string }) {
  const input: MergeContactsInput = { mergeId: o.mergeId };
  return startWorkflowOnce(client, o.kind === 'merge' ? 'MergeContactsWorkflow' : 'UnmergeContactsWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: workflowIdOf(o.kind, o.mergeId),
    args: [input],
    staticSummary: o.summary,
    typedSearchAttributes: [
      { key: CasebookKind, value: o.kind },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

/** Waits for a merge or unmerge workflow to end and returns its result. */
export async function mergeWorkflowResult(client: Client, workflowId: string): Promise<MergeResult> {
  return client.workflow.getHandle<(input: MergeContactsInput) => Promise<MergeResult>>(workflowId).result();
}

/** The step a running merge or unmerge is in; undefined when its workflow cannot say (not started yet, or over). */
export async function readMergeStep(client: Client, o: { kind: MergeKind; mergeId: string }): Promise<MergeStep | undefined> {
  return client.workflow.getHandle(workflowIdOf(o.kind, o.mergeId)).query(mergeStepQuery).catch(() => undefined);
}
