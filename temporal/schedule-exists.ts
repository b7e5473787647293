import { ScheduleNotFoundError, type Client } from '@temporalio/client';

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
