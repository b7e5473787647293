import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { childProcessEnv } from '../../config/dev-tools';
import { dataDir, repoRoot } from '../../scripts/services/paths';
import { watchOutput, type WatchedOutput } from '../../scripts/services/watch-output';
import { freePort } from '../support/free-port';
import { processAlive } from '../support/process-alive';

// `npm start` supervises what it starts (issue #15, part 2): each service and process killed in turn comes back,
// the dashboard answers again, and when the supervisor itself is killed with SIGKILL nothing it started survives.
describe('npm start supervises its services', () => {
  const startScript = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start as string;
  const home = join(dataDir, 'test', `npm-start-${randomBytes(4).toString('hex')}`);
  let supervisor: ChildProcess;
  let url = '';
  const pids: Record<string, number> = {};

  let watched: WatchedOutput;
  /** The first match of `pattern` in the supervisor's output after `from` characters of it, as the output arrives. */
  const line = (pattern: RegExp, from = 0, timeoutMs = 120_000) => watched.waitFor(pattern, { from, timeoutMs });
  const healthy = () =>
    vi.waitFor(
      async () => {
        const health = await (await fetch(`${url}/healthz`)).json();
        if (health.status !== 'ok') throw new Error(`health: ${JSON.stringify(health)}`);
      },
      { timeout: 60_000, interval: 300 },
    );
  const allGone = () =>
    vi.waitFor(
      () => {
        const alive = Object.entries(pids).filter(([, pid]) => processAlive(pid));
        if (alive.length > 0) throw new Error(`still running: ${alive.map(([n, p]) => `${n} ${p}`).join(', ')}`);
      },
      { timeout: 20_000, interval: 200 },
    );

  beforeAll(async () => {
    expect(startScript).toBe('node --import tsx scripts/start.ts');
    const [port, temporalPort, uiPort, mongoPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    url = `http://localhost:${port}`;
    supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: repoRoot,
      env: childProcessEnv({ NODE_OPTIONS: '', DATA_DIR: home, PORT: String(port), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort), MONGODB_PORT: String(mongoPort), DEMO_CONTACTS: '20', LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watched = watchOutput(supervisor, { name: 'the supervisor' });
    const banner = await line(/Processes +(.+)\n/, 0, 170_000);
    for (const part of banner[1]!.split(', ')) {
      const [name, pid] = part.split(' ');
      pids[name!] = Number(pid);
    }
  });

  afterAll(async () => {
    if (supervisor && supervisor.exitCode === null) supervisor.kill('SIGKILL');
    await allGone();
    rmSync(home, { recursive: true, force: true });
  });

  it('started the servers, the three workers and the web server, and the dashboard answers', async () => {
    expect(Object.keys(pids).sort()).toEqual(['bundle-worker', 'ferretdb', 'import-worker', 'temporal', 'web', 'worker']);
    await healthy();
  });

  for (const name of ['worker', 'import-worker', 'web', 'ferretdb', 'temporal']) {
    it(`restarts ${name} when it is killed, in one clear line, and the dashboard answers again`, async () => {
      const from = watched.text().length;
      process.kill(pids[name]!, 'SIGKILL');
      await line(new RegExp(`\\[start\\] ${name} killed by SIGKILL; restarting it`), from);
      const restarted = await line(new RegExp(`\\[start\\] ${name} restarted \\(pid (\\d+)\\)`), from);
      const pid = Number(restarted[1]);
      expect(pid).not.toBe(pids[name]);
      expect(processAlive(pid)).toBe(true);
      pids[name] = pid;
      await healthy();
      expect(supervisor.exitCode).toBeNull();
    });
  }

  it('takes everything with it when the supervisor itself is killed with SIGKILL', async () => {
    supervisor.kill('SIGKILL');
    await allGone();
  });
});
