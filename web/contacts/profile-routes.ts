import { Hono } from 'hono';
import { z } from 'zod';
import { updateContact } from '../../activities/contacts/update-contact';
import { refreshSuggestions } from '../../activities/duplicates/refresh-suggestions';
import { config, emailRules } from '../../config/config';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { contactToInput } from '../../domain/contacts/contact-to-input';
import { timezoneChoices } from '../../domain/contacts/timezones';
import type { AppEnv } from '../env';
import { mergeBanner } from '../merge/merge-history-view';
import { isHtmx, render } from '../render';
import { validForm, validQuery } from '../validation';
import { errorsByField, formEcho, issuesAsErrors, toContactInput } from './contact-form';
import { contactForm } from './contacts.schemas';
import { loadContact } from './load-contact';
import { localTimeOf, renderProfile } from './profile-page';

export const profileRoutes = new Hono<AppEnv>();

const bannerQuery = z.object({
  merged: z.string().optional().catch(undefined),
  unmerged: z.string().optional().catch(undefined),
  mergedFrom: z.string().optional().catch(undefined),
});


profileRoutes.get('/:id', validQuery(bannerQuery), async (c) => {
  const contact = await loadContact(c.req.param('id'), { allowMerged: true });
  // A merged-away contact's old address leads to the contact it was merged into.
  if (contact.mergedInto) return c.redirect(`/contacts/${contact.mergedInto}?mergedFrom=${contact._id}`, 302);
  return renderProfile(c, contact, { banner: await mergeBanner(contact._id, c.req.valid('query')) });
});

profileRoutes.get('/:id/details', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  return render(c, 'contacts/profile/details', { contact, localTime: localTimeOf(contact), displayName });
});

profileRoutes.get('/:id/edit', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const data = { contact, values: contactToInput(contact), errors: {}, timezones: timezoneChoices() };
  return isHtmx(c) ? render(c, 'contacts/profile/edit-form', data) : render(c, 'contacts/profile/edit-page', { ...data, title: `Edit ${displayName(contact)}` });
});

/** The edit form again, in place, with the message by each field and what was typed kept. */
async function editFormWithErrors(c: Parameters<typeof render>[0], errors: Record<string, string>, values: object) {
  const contact = await loadContact(c.req.param('id')!);
  const data = { contact, values, errors, timezones: timezoneChoices() };
  return isHtmx(c) ? render(c, 'contacts/profile/edit-form', data, 422) : render(c, 'contacts/profile/edit-page', { ...data, title: 'Edit contact' }, 422);
}

profileRoutes.post(
  '/:id',
  validForm(contactForm, async (c, issues, raw) => {
    const contact = await loadContact(c.req.param('id')!);
    return editFormWithErrors(c, errorsByField(issuesAsErrors(issues)), { ...contactToInput(contact), ...formEcho(raw) });
  }),
  async (c) => {
    const contact = await loadContact(c.req.param('id'));
    const input = toContactInput(c.req.valid('form'), contactToInput(contact).appStatus);
    const result = await updateContact({ id: contact._id, input, actor: c.get('user')!, region: config.DEFAULT_PHONE_REGION });
    if (!result.ok) return editFormWithErrors(c, errorsByField(result.errors), { ...input, ...formEcho(await c.req.parseBody({ all: true })) });
    await refreshSuggestions(result.contact, { region: config.DEFAULT_PHONE_REGION, emailRules, index: c.get('services').contactIndex });
    if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}`, 303);
    c.header('HX-Trigger', 'contact-saved');
    return render(c, 'contacts/profile/details', { contact: result.contact, localTime: localTimeOf(result.contact), displayName, saved: true });
  },
);
