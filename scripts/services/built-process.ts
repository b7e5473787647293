import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { childProcessEnv } from '../../config/dev-tools';
import { SERVICE_NODE_FLAGS, workerNodeFlags } from '../../config/service-node-flags';
import { repoRoot } from './paths';
import { watchOutput } from './watch-output';

export type BuiltProcess = {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output, or rejects when the process exits first. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Resolves when the process has exited, with how long it took from now. */
  exited: () => Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  /** The most memory the process has held (the kernel's VmHWM), for benchmarks. */
  peakRssBytes: () => number;
};

/**
 * Runs a file of the build's output the way the image does (the production
 * start test, the bundle bench): plain `node` with
 * the service flags, no tsx loader, NODE_ENV=production; `env` on top.
 */
export function startBuiltProcess(file: string, env: Record<string, string | undefined>): BuiltProcess {
  const child = spawn('node', [...(file.endsWith('worker.js') ? workerNodeFlags(env.WORKER_ROLE) : SERVICE_NODE_FLAGS), file], {
    cwd: repoRoot,
    env: childProcessEnv({ NODE_OPTIONS: '', NODE_ENV: 'production', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchOutput(child, { name: file, timeoutMs: 90_000 });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitListeners = new Set<() => void>();
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    for (const l of exitListeners) l();
  });
  return {
    child,
    output: watched.text,
    peakRssBytes: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    waitFor: (pattern, timeoutMs) => watched.waitFor(pattern, { timeoutMs }),
    exited: () => {
      const from = Date.now();
      return new Promise((resolve) => {
        const check = () => exit && resolve({ ...exit, afterMs: Date.now() - from });
        exitListeners.add(check);
        check();
      });
    },
  };
}
