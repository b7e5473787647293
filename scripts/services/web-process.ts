import { spawn, type ChildProcess } from 'node:child_process';
import { childProcessEnv, devTools } from '../../config/dev-tools';
import { SERVICE_NODE_FLAGS } from '../../config/service-node-flags';
import { repoRoot } from './paths';

export type WebProcess = { child: ChildProcess; url: string; output: () => string; waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>; kill: () => Promise<void> };

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
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d;
    if (devTools.CASEBOOK_TEST_VERBOSE) process.stderr.write(`[web] ${d}`);
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.on('exit', () => listeners.forEach((l) => l()));
  const waitFor = (pattern: RegExp, timeoutMs = 300_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`web server: no ${pattern} in ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs);
      const done = (err?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (pattern.test(output)) done();
        else if (child.exitCode !== null) done(new Error(`web server exited (${child.exitCode}):\n${output.slice(-4000)}`));
      };
      listeners.add(check);
      check();
    });
  await waitFor(/web server listening/);
  const port = /"url":"http:\/\/[^:]+:(\d+)"/.exec(output)![1];
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, waitFor, kill };
}
