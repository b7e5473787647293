/**
 * Node flags for the worker process, given on its command line because V8
 * sizes the young generation when the process starts. Left to itself V8
 * grows the young generation to 128 MB for the worker's allocation-heavy jobs
 * (a sweep's million records, an import's batches), most of it resident;
 * 16 MB semi-spaces keep that near 32 MB for slightly more frequent minor
 * collections. (The heap's growth margin is set in worker.ts itself.)
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=16'];
