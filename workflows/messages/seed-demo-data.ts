// SeedDemoDataWorkflow's query and the shapes it answers with: what the
// dashboard, npm start and npm run seed ask a running seed, without loading
// workflow code.
import { defineQuery } from '@temporalio/workflow';

export type SeedTotals = { contacts: number; cases: number; messages: number; notes: number };
export type SeedProgress = { total: number; done: number; written: SeedTotals; state: 'running' | 'done' };

export const seedProgressQuery = defineQuery<SeedProgress>('progress');
