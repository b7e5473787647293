import { Hono } from 'hono';
import { z } from 'zod';
import { pauseNightlySweep, rescheduleNightlySweep } from '../../activities/duplicates/change-sweep-schedule';
import { config } from '../../config/config';
import { timezoneChoices, timezoneNames } from '../../domain/contacts/timezones';
import { ensureDedupeSchedule, readDedupeSchedule, startDedupeSweep } from '../../temporal/dedupe-sweep';
import { requireTemporal } from '../../temporal/require-temporal';
import type { AppEnv } from '../env';
import { render } from '../render';
import { fieldErrors, validForm } from '../validation';

/** Admin → Duplicate sweep: when the nightly sweep runs, pause/resume, run now. Mounted under /admin/dedupe-schedule. */
export const dedupeScheduleRoutes = new Hono<AppEnv>();

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
  return render(c, 'duplicates/schedule', { title: 'Duplicate sweep settings', schedule, timezones: timezoneChoices(), errors: {}, temporalUiUrl: services.temporalUiUrl, namespace: config.TEMPORAL_NAMESPACE, ...extra }, status);
}

dedupeScheduleRoutes.get('/', (c) => page(c));

dedupeScheduleRoutes.post(
  '/',
  validForm(scheduleForm, (c, issues, raw) => page(c, { errors: fieldErrors(issues), values: raw }, 422)),
  async (c) => {
    const form = c.req.valid('form');
    const services = c.get('services');
    await rescheduleNightlySweep({ temporal: services.temporal, taskQueue: services.taskQueue, ...form, actor: c.get('user')! });
    return page(c, { notice: `The nightly sweep now runs at ${form.time} (${form.timezone}).` });
  },
);

dedupeScheduleRoutes.post('/pause', async (c) => {
  await pauseNightlySweep({ temporal: c.get('services').temporal, paused: true, actor: c.get('user')! });
  return page(c, { notice: 'The nightly sweep is paused.' });
});

dedupeScheduleRoutes.post('/resume', async (c) => {
  await pauseNightlySweep({ temporal: c.get('services').temporal, paused: false, actor: c.get('user')! });
  return page(c, { notice: 'The nightly sweep is running again.' });
});

dedupeScheduleRoutes.post('/run-now', async (c) => {
  const services = c.get('services');
  await requireTemporal(services.temporal, 'The sweep');
  const handle = await startDedupeSweep(services.temporal, { taskQueue: services.taskQueue, actorId: String(c.get('user')!.id), autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE });
  return c.redirect(`/duplicates?sweep=${handle.workflowId}`, 303);
});
