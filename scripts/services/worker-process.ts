import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { childProcessEnv, devTools } from '../../config/dev-tools';
import { workerNodeFlags } from '../../config/service-node-flags';
import { repoRoot } from './paths';
import { watchOutput } from './watch-output';

export type WorkerProcess = { child: ChildProcess; output: () => string; kill: (signal?: NodeJS.Signals) => Promise<void>; peakRssBytes: () => number };
/** Where a worker process finds its services, and the task queue it serves. */
export type WorkerEnv = {
  mongodbUri: string;
  dbName: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  bundlePath?: string;
  /** What the worker serves (config WORKER_ROLE); tests run everything in one process unless they say. */
  role?: 'all' | 'general' | 'imports' | 'bundles';
  /** More environment on top (the outbox's provider settings, PUBLIC_URL). */
  extraEnv?: Record<string, string>;
};

/**
 * Runs the real worker entry point (worker.ts) as a separate process, so tests
 * and benchmarks can kill it with SIGKILL exactly as a crash would, and read
 * its memory from the kernel.
 */
export async function startWorkerProcess(env: WorkerEnv): Promise<WorkerProcess> {
  // CASEBOOK_CPU_PROF=<dir> writes the worker's CPU profile there when it stops (benchmarks, to see where time goes).
  const profile = devTools.CASEBOOK_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${devTools.CASEBOOK_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...workerNodeFlags(env.role), ...profile, '--import', 'tsx', 'worker.ts'], {
    cwd: repoRoot,
    env: childProcessEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      CASEBOOK_SERVICE: 'worker',
      MONGODB_URI: env.mongodbUri,
      MONGODB_DB: env.dbName,
      TEMPORAL_ADDRESS: env.temporalAddress,
      TEMPORAL_NAMESPACE: env.namespace,
      TEMPORAL_TASK_QUEUE: env.taskQueue,
      WORKER_ROLE: env.role ?? 'all',
      WORKFLOW_BUNDLE_PATH: env.bundlePath,
      ...env.extraEnv,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // CASEBOOK_TEST_VERBOSE=1 streams the worker's log, for debugging a test.
  const watched = watchOutput(child, { name: 'worker', onData: (d) => devTools.CASEBOOK_TEST_VERBOSE && process.stderr.write(`[worker] ${d}`) });
  await watched.waitFor(/worker started/, { timeoutMs: 60_000 });
  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  // The kernel's high-water mark of the worker's resident memory (benchmarks report it).
  const peakRssBytes = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  return { child, output: watched.text, kill, peakRssBytes };
}
