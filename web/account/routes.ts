import { Hono } from 'hono';
import { z } from 'zod';
import { setOwnTimezone } from '../../activities/account/set-own-timezone';
import { config } from '../../config/config';
import { timezoneChoices, timezoneLabel } from '../../domain/contacts/timezones';
import { AppError } from '../../domain/app-error';
import type { AppEnv } from '../env';
import { render } from '../render';
import { validForm } from '../validation';

/** Your settings: what a signed-in staff member sets for themselves (today: the timezone they read times in). */
export const accountRoutes = new Hono<AppEnv>();

const timezoneForm = z.object({ timezone: z.string().max(100).default('') });

function page(c: Parameters<typeof render>[0], extra: Record<string, unknown> = {}, status = 200) {
  const user = c.get('user')!;
  return render(c, 'account/page', { title: 'Your settings', timezones: timezoneChoices(), chosen: user.timezone ?? '', firmTimezone: timezoneLabel(config.FIRM_TIMEZONE), error: '', saved: false, ...extra }, status);
}

accountRoutes.get('/', (c) => page(c, { saved: c.req.query('saved') === '1' }));

accountRoutes.post(
  '/timezone',
  validForm(timezoneForm, (c) => page(c, { error: 'Choose a timezone from the list.' }, 400)),
  async (c) => {
    const user = c.get('user')!;
    try {
      await setOwnTimezone({ userId: user.id, name: user.name, timezone: c.req.valid('form').timezone });
    } catch (err) {
      if (err instanceof AppError && err.code === 'BAD_REQUEST') return page(c, { error: err.message, chosen: c.req.valid('form').timezone }, 400);
      throw err;
    }
    return c.redirect('/account?saved=1', 303);
  },
);
