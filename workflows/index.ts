// Every workflow the worker runs, with its queries, signals and updates.
export { SeedDemoDataWorkflow, seedProgressQuery } from './seed-demo-data';
export type { SeedDemoDataInput, SeedProgress, SeedTotals } from './seed-demo-data';
