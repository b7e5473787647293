import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../../db/audit';
import { ensureDedupeSchedule, readDedupeSchedule, setDedupeSchedulePaused, startDedupeSweep, updateDedupeSchedule } from '../../temporal/dedupe-sweep';
import { config } from '../../config/config';
import type { AppEnv } from '../env';
import { render } from '../render';
import { timezoneNames } from '../../domain/contacts/timezones';
import { Types } from 'mongoose';

/** Settings → Duplicate sweep: when the nightly sweep runs, pause/resume, run now. */
export const dedupeScheduleRoutes = new Hono<AppEnv>();

const SUBJECT = new Types.ObjectId('000000000000000000000d5e'); // the schedule has no document; audit events need a subject id

const scheduleForm = z.object({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 02:00 (24-hour clock)'),
  timezone: z.string().refine((tz) => timezoneNames().includes(tz), 'Choose a timezone from the list'),
});

async function page(c: Parameters<typeof render>[0], extra: Record<string, unknown> = {}, status = 200) {
  const services = c.get('services');
  let schedule = await readDedupeSchedule(services.temporal);
  if (!schedule.exists) {
    // Normally created when the web server starts; deleted in the Temporal UI since, so made again.
    await ensureDedupeSchedule(services.temporal, { taskQueue: services.taskQueue, cron: config.DEDUPE_SWEEP_CRON, timezone: config.DEDUPE_SWEEP_TIMEZONE, autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE });
    schedule = await readDedupeSchedule(services.temporal);
  }
  return render(c, 'admin/dedupe-schedule', { title: 'Duplicate sweep settings', schedule, timezones: timezoneNames(), errors: {}, temporalUiUrl: services.temporalUiUrl, namespace: config.TEMPORAL_NAMESPACE, ...extra }, status);
}

dedupeScheduleRoutes.get('/', (c) => page(c));

dedupeScheduleRoutes.post('/', async (c) => {
  const body = await c.req.parseBody();
  const parsed = scheduleForm.safeParse(body);
  if (!parsed.success) return page(c, { errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])), values: body }, 422);
  const services = c.get('services');
  await updateDedupeSchedule(services.temporal, { ...parsed.data, taskQueue: services.taskQueue });
  await audit(c.get('user')!, 'dedupe-schedule.update', { type: 'Schedule', id: SUBJECT }, parsed.data);
  return page(c, { notice: `The nightly sweep now runs at ${parsed.data.time} (${parsed.data.timezone}).` });
});

dedupeScheduleRoutes.post('/pause', async (c) => {
  await setDedupeSchedulePaused(c.get('services').temporal, true, `paused by ${c.get('user')!.name}`);
  await audit(c.get('user')!, 'dedupe-schedule.pause', { type: 'Schedule', id: SUBJECT });
  return page(c, { notice: 'The nightly sweep is paused.' });
});

dedupeScheduleRoutes.post('/resume', async (c) => {
  await setDedupeSchedulePaused(c.get('services').temporal, false, `resumed by ${c.get('user')!.name}`);
  await audit(c.get('user')!, 'dedupe-schedule.resume', { type: 'Schedule', id: SUBJECT });
  return page(c, { notice: 'The nightly sweep is running again.' });
});

dedupeScheduleRoutes.post('/run-now', async (c) => {
  const services = c.get('services');
  const handle = await startDedupeSweep(services.temporal, { taskQueue: services.taskQueue, actorId: String(c.get('user')!.id), autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE });
  return c.redirect(`/duplicates?sweep=${handle.workflowId}`, 303);
});
