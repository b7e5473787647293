import { Hono } from 'hono';
import { listContacts, withDuplicateCounts } from '../../db/contacts/list-contacts';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { config } from '../../config/config';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { contactListQuery, toQueryString } from './contacts.schemas';
import { createContact } from '../../activities/contacts/save-contact';
import { errorsByField, parseContactForm } from './contact-form';
import { findPossibleDuplicates } from './find-possible-duplicates';
import { profileRoutes } from './profile-routes';
import { refreshSuggestions } from '../../db/duplicates/suggestions';
import { timezoneNames } from '../../domain/contacts/timezones';
import { exportRoutes } from '../export/routes';
import { importConflictRoutes } from './import-conflict-routes';

export const contactRoutes = new Hono<AppEnv>();

contactRoutes.get('/', async (c) => {
  const query = contactListQuery.parse(c.req.query());
  const page = await withDuplicateCounts(await listContacts({ ...query, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex }));
  c.header('X-Contact-List-Source', page.source);
  const data = {
    title: 'Contacts',
    query,
    page,
    displayName,
    toQueryString,
  };
  // The list region alone for htmx (search, filter, next page); the whole page otherwise.
  if (!isHtmx(c)) return render(c, 'contacts/index', data);
  // Push the canonical URL (no empty parameters) so bookmarks and shared links stay short.
  c.header('HX-Push-Url', `/contacts${toQueryString(query)}`);
  return render(c, 'contacts/list', data);
});

contactRoutes.get('/new', (c) => {
  return render(c, 'contacts/new', { title: 'New contact', values: { phones: [], emails: [] }, errors: {}, timezones: timezoneNames(), duplicates: [] });
});

/** As-you-type duplicate check for the new-contact form. */
contactRoutes.post('/new/check', async (c) => {
  const parsed = parseContactForm(await c.req.parseBody({ all: true }));
  const duplicates = parsed.ok ? await findPossibleDuplicates(parsed.input, config.DEFAULT_PHONE_REGION, 5, c.get('services').contactIndex) : [];
  return render(c, 'contacts/possible-duplicates', { duplicates, displayName });
});

contactRoutes.post('/new', async (c) => {
  const body = await c.req.parseBody({ all: true });
  const parsed = parseContactForm(body);
  const result = parsed.ok ? await createContact({ input: parsed.input, actor: c.get('user')!, region: config.DEFAULT_PHONE_REGION }) : parsed;
  if (result.ok) {
    await refreshSuggestions(result.contact, { region: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex });
    return c.redirect(`/contacts/${result.contact._id}`, 303);
  }
  const values = parsed.ok ? parsed.input : { phones: [], emails: [] };
  const duplicates = parsed.ok ? await findPossibleDuplicates(parsed.input, config.DEFAULT_PHONE_REGION, 5, c.get('services').contactIndex) : [];
  return render(c, 'contacts/new', { title: 'New contact', values, errors: errorsByField(result.errors), timezones: timezoneNames(), duplicates }, 422);
});

contactRoutes.route('/', exportRoutes);
contactRoutes.route('/', importConflictRoutes);
contactRoutes.route('/', profileRoutes);
