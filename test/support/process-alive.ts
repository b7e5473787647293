import { readFileSync } from 'node:fs';

/** Whether a process is running: it exists and is not a zombie waiting to be reaped (which a container's init may never do). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
