import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { childProcessEnv, devTools } from '../../config/dev-tools';
import { SERVICE_NODE_FLAGS } from '../../config/service-node-flags';
import { repoRoot } from './paths';
import { watchOutput } from './watch-output';

export type WebProcess = {
  child: ChildProcess;
  url: string;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** The kernel's figures for the process: VmHWM (the most it has held) and VmRSS (now), in bytes. */
  memory: () => { peakRss: number; rss: number };
  kill: () => Promise<void>;
};

/**
 * The real web server entry point (server.ts) as its own process, as
 * production runs it, on a free port: benchmarks put load on it from another
 * process, so the clients' work never slows the server they measure.
 */
export async function startWebProcess(env: Record<string, string | undefined>): Promise<WebProcess> {
  // CASEBOOK_CPU_PROF=<dir> writes the server's CPU profile there when it stops (benchmarks, to see where time goes).
  const profile = devTools.CASEBOOK_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${devTools.CASEBOOK_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...profile, '--import', 'tsx', 'server.ts'], {
    cwd: repoRoot,
    env: childProcessEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info', CASEBOOK_SERVICE: 'web', PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchOutput(child, { name: 'web server', timeoutMs: 300_000, onData: (d) => devTools.CASEBOOK_TEST_VERBOSE && process.stderr.write(`[web] ${d}`) });
  const waitFor = async (pattern: RegExp, timeoutMs?: number) => void (await watched.waitFor(pattern, { timeoutMs }));
  await waitFor(/web server listening/);
  const port = /"url":"http:\/\/[^:]+:(\d+)"/.exec(watched.text())![1];
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const memory = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
  };
  return { child, url: `http://127.0.0.1:${port}`, output: watched.text, waitFor, memory, kill };
}
