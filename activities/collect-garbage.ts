import v8 from 'node:v8';
import vm from 'node:vm';

// V8 lets a busy process's heap grow far past what it holds live before it
// collects (an import's batches are garbage a second after they are
// written). Long jobs call this between units of work so the worker's
// memory follows what it holds, not what it has thrown away.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** What an import or an export holds live is ~60 MB (plus the import's compact match index, outside the heap); past this the rest is garbage. */
export const IMPORT_HEAP_CEILING = 160 * 1024 * 1024;

// What the heap held right after the last forced collection: when a job
// really holds more than the ceiling (a dry run remembers the contacts it
// pretended to create), collecting at the ceiling would run on every call.
let liveAfterLastCollection = 0;

/** Runs a full collection when the heap holds more than `bytes`, or half again what it held live after the last one. */
export function collectGarbageAbove(bytes: number): void {
  const limit = Math.max(bytes, liveAfterLastCollection * 1.5);
  if (process.memoryUsage().heapUsed <= limit) return;
  gc();
  liveAfterLastCollection = process.memoryUsage().heapUsed;
}

/** Runs a full collection now: after a job dropped most of what it held (a sweep's records, its parsed matches). */
export function collectGarbageNow(): void {
  gc();
  liveAfterLastCollection = process.memoryUsage().heapUsed;
}
