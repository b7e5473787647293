import type { Client } from '@temporalio/client';
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { setDedupeSchedulePaused, updateDedupeSchedule } from '../../temporal/dedupe-sweep';

// The schedule lives in Temporal and has no document; audit events need a subject id.
const SCHEDULE_SUBJECT = { type: 'Schedule', id: new Types.ObjectId('000000000000000000000d5e') };

/** Moves the nightly sweep to another time ("HH:MM", daily) and timezone; audited. */
export async function rescheduleNightlySweep(o: { temporal: Client; taskQueue: string; time: string; timezone: string; actor: Actor }): Promise<void> {
  await updateDedupeSchedule(o.temporal, { time: o.time, timezone: o.timezone, taskQueue: o.taskQueue });
  await audit(o.actor, 'dedupe-schedule.update', SCHEDULE_SUBJECT, { time: o.time, timezone: o.timezone });
}

/** Pauses or resumes the nightly sweep; audited. */
export async function pauseNightlySweep(o: { temporal: Client; paused: boolean; actor: Actor }): Promise<void> {
  await setDedupeSchedulePaused(o.temporal, o.paused, `${o.paused ? 'paused' : 'resumed'} by ${o.actor.name}`);
  await audit(o.actor, o.paused ? 'dedupe-schedule.pause' : 'dedupe-schedule.resume', SCHEDULE_SUBJECT);
}
