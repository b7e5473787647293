// What `npm start` runs its services and processes under: each child is
// watched; one that dies is reported in one line and started again (after a
// second, up to three times a minute); one that keeps dying stops everything,
// saying why. Stopping goes tier by tier (web and workers before the servers
// they use), each child within its grace time.
import { waitForPort, stopChild, type Supervised } from './process';

export type SupervisorLog = (line: string) => void;

type Entry = { current: Supervised; tier: number; deaths: number[] };

export class Supervisor {
  private readonly entries: Entry[] = [];
  private stopping = false;

  constructor(
    private readonly log: SupervisorLog,
    private readonly onGiveUp: (reason: string) => void,
    private readonly limits = { restartsPerMinute: 3, restartDelayMs: 1000, readyTimeoutMs: 60_000 },
  ) {}

  /** Watches a started child; `tier` orders the stop (higher tiers stop first). */
  adopt(service: Supervised, tier: number): void {
    const entry: Entry = { current: service, tier, deaths: [] };
    this.entries.push(entry);
    this.watch(entry);
  }

  /** Every child's name and pid, for the banner and for tests. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.entries.map((e) => [e.current.name, e.current.child.pid]));
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    const tiers = [...new Set(this.entries.map((e) => e.tier))].sort((a, b) => b - a);
    for (const tier of tiers) await Promise.all(this.entries.filter((e) => e.tier === tier).map((e) => stopChild(e.current.child)));
  }

  private watch(entry: Entry): void {
    // A child that cannot be spawned reports an 'error' event; unheard, it would end the supervisor.
    entry.current.child.on('error', (err) => this.log(`${entry.current.name}: ${err.message}`));
    entry.current.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      const now = Date.now();
      entry.deaths = [...entry.deaths.filter((t) => now - t < 60_000), now];
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      if (entry.deaths.length > this.limits.restartsPerMinute) {
        this.log(`${entry.current.name} ${how}, ${entry.deaths.length} times in a minute; stopping everything (see .data/logs/ and the lines above)`);
        this.onGiveUp(`${entry.current.name} keeps dying`);
        return;
      }
      this.log(`${entry.current.name} ${how}; restarting it`);
      setTimeout(() => void this.restart(entry), this.limits.restartDelayMs);
    });
  }

  private async restart(entry: Entry): Promise<void> {
    if (this.stopping) return;
    try {
      entry.current = entry.current.respawn();
      this.watch(entry);
      if (entry.current.port > 0) await waitForPort(entry.current.port, entry.current.name, this.limits.readyTimeoutMs, entry.current.child);
      if (!this.stopping) this.log(`${entry.current.name} restarted (pid ${entry.current.child.pid})`);
    } catch (err) {
      // The new child's own exit (watched above) decides what happens next; a failed wait is only reported.
      this.log(`${entry.current.name} did not come back: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
