import v8 from 'node:v8';
import vm from 'node:vm';

// V8 lets a busy process's heap grow far past what it holds live before it
// collects (an import's batches are garbage a second after they are
// written). Long jobs call this between units of work so the worker's
// memory follows what it holds, not what it has thrown away.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Runs a full collection when the heap holds more than `bytes`. */
export function collectGarbageAbove(bytes: number): void {
  if (process.memoryUsage().heapUsed > bytes) gc();
}
