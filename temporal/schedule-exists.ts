import { ScheduleNotFoundError, type Client, type ScheduleOptions } from '@temporalio/client';

/** Whether a Schedule with this id exists; the ensure-at-start functions leave an existing one as ops set it. */
export async function scheduleExists(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).describe();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/**
 * Creates a Schedule unless it exists (one that exists is left as ops set it).
 * Safe when several processes start at once: a replica that created it
 * between our look and our create makes this 'existed'.
 */
export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<'existed' | 'created'> {
  if (await scheduleExists(client, options.scheduleId)) return 'existed';
  return client.schedule.create(options).then(
    () => 'created' as const,
    (err: Error) => {
      if (err.name !== 'ScheduleAlreadyRunning') throw err;
      return 'existed' as const;
    },
  );
}
