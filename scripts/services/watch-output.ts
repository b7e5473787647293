import type { ChildProcess } from 'node:child_process';

export type WatchedOutput = {
  /** Everything the process wrote to stdout and stderr so far. */
  text: () => string;
  /**
   * Resolves with the first match of `pattern` in the output after `from`
   * characters of it, as the output arrives; rejects when the process exits
   * first or nothing matches within `timeoutMs`, with the output in the error.
   */
  waitFor: (pattern: RegExp, o?: { from?: number; timeoutMs?: number }) => Promise<RegExpMatchArray>;
};

/** Collects a child's output and lets callers wait for a line in it (a service's "listening", a supervisor's "restarted"). */
export function watchOutput(child: ChildProcess, o: { name: string; timeoutMs?: number; onData?: (d: Buffer) => void }): WatchedOutput {
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d;
    o.onData?.(d);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.on('exit', () => listeners.forEach((l) => l()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    text: () => output,
    waitFor: (pattern, { from = 0, timeoutMs = o.timeoutMs ?? 120_000 } = {}) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${o.name}: no ${pattern} in ${timeoutMs} ms; it said:\n${output.slice(-4000)}`)), timeoutMs);
        const finish = (err?: Error, m?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (err) reject(err);
          else resolve(m!);
        };
        const check = () => {
          const m = output.slice(from).match(pattern);
          if (m) finish(undefined, m);
          else if (exited()) finish(new Error(`${o.name} exited (${child.signalCode ?? child.exitCode}) before ${pattern}; it said:\n${output.slice(-4000)}`));
        };
        listeners.add(check);
        check();
      }),
  };
}
