// MergeContactsWorkflow's and UnmergeContactsWorkflow's query: the step a
// running merge is in, for the merge page's status panel.
import { defineQuery } from '@temporalio/workflow';

export type MergeStep = 'snapshot' | 'moving linked records' | 'updating contacts' | 'verifying' | 'done' | 'failed';

export const mergeStepQuery = defineQuery<MergeStep>('step');
