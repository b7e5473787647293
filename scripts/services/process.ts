// Small helpers to run installers and supervise the local service processes.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { childProcessEnv } from '../../config/dev-tools';
import { logDir } from './paths';

export function say(message: string): void {
  process.stderr.write(`[services] ${message}\n`);
}

export function which(command: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : undefined;
}

/** Runs an installer step, streaming its output so a person sees progress. */
export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): boolean {
  say(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options, env: childProcessEnv(options.env) });
  return r.status === 0;
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export async function waitForPort(port: number, what: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode} before it listened on port ${port}; see ${join(logDir, '')}`);
    }
    if (await isPortOpen(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs / 1000}s; see ${logDir}`);
}

/** A service this process started: its child, how to stop it, and how to start it again the same way (the supervisor's restart). */
export type Supervised = { name: string; port: number; child: ChildProcess; stop: () => Promise<void>; respawn: () => Supervised };

const setpriv = process.platform === 'linux' ? which('setpriv') : undefined;

/**
 * spawn(), but the child dies with this process however this process ends,
 * SIGKILL included: on Linux the child starts under `setpriv --pdeathsig`,
 * so the kernel sends it SIGTERM when its parent goes. Without that nothing
 * outlives a killed `npm start` to be stopped by hand.
 */
export function spawnTiedToParent(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return setpriv ? spawn(setpriv, ['--pdeathsig', 'TERM', '--', command, ...args], options) : spawn(command, args, options);
}

/** Starts a long-running service with its output in .data/logs/<name>.log. */
export function startLogged(name: string, command: string, args: string[], cwd: string, port: number): Supervised {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawnTiedToParent(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = () => stopChild(child);
  return { name, port, child, stop, respawn: () => startLogged(name, command, args, cwd, port) };
}

export function stopChild(child: ChildProcess, graceMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
