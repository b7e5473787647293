import { Hono } from 'hono';
import { wrapTime } from 'hono/timing';
import { createContact } from '../../activities/contacts/create-contact';
import { listContactsWithDuplicateCounts } from '../../activities/contacts/list-contacts';
import { findDuplicateCandidates } from '../../activities/duplicates/find-duplicate-candidates';
import { refreshSuggestions } from '../../activities/duplicates/refresh-suggestions';
import { config, emailRules } from '../../config/config';
import type { ContactInput } from '../../domain/contacts/build-contact-record';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { timezoneChoices } from '../../domain/contacts/timezones';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import type { AppServices, AppEnv } from '../env';
import { exportRoutes } from '../export/routes';
import { isHtmx, render } from '../render';
import { validForm, validQuery } from '../validation';
import { errorsByField, issuesAsErrors, toContactInput } from './contact-form';
import { contactForm, contactListQuery, listFilterProblems, NO_CONTACTS, toQueryString } from './contacts.schemas';
import { profileRoutes } from './profile-routes';

export const contactRoutes = new Hono<AppEnv>();

/** Existing contacts that may be the person being typed into the new-contact form, scored with reasons. */
function possibleDuplicates(input: ContactInput, services: AppServices) {
  return findDuplicateCandidates(contactMatchInput(input), { region: config.DEFAULT_PHONE_REGION, emailRules, limit: 5, index: services.contactIndex });
}

contactRoutes.get('/', validQuery(contactListQuery), async (c) => {
  const query = c.req.valid('query');
  // A filter that cannot be used lists no one, with the reason, rather than everyone.
  const filterProblems = listFilterProblems(c.req.query());
  const page = filterProblems.length ? NO_CONTACTS : await wrapTime(c, 'list', listContactsWithDuplicateCounts({ ...query, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex }));
  c.header('X-Contact-List-Source', page.source);
  const data = { title: 'Contacts', query, page, filterProblems, displayName, toQueryString };
  // The list region alone for htmx (search, filter, next page); the whole page otherwise.
  if (!isHtmx(c)) return render(c, 'contacts/index', data);
  // Push the canonical URL (no empty parameters) so bookmarks and shared links stay short.
  c.header('HX-Push-Url', `/contacts${toQueryString(query)}`);
  return render(c, 'contacts/list', data);
});

contactRoutes.get('/new', (c) => {
  return render(c, 'contacts/new', { title: 'New contact', values: { phones: [], emails: [] }, errors: {}, timezones: timezoneChoices(), duplicates: [] });
});

/** As-you-type duplicate check for the new-contact form; a form that does not validate yet shows none. */
contactRoutes.post(
  '/new/check',
  validForm(contactForm, (c) => render(c, 'duplicates/possible-duplicates', { duplicates: [], displayName })),
  async (c) => {
    const duplicates = await possibleDuplicates(toContactInput(c.req.valid('form')), c.get('services'));
    return render(c, 'duplicates/possible-duplicates', { duplicates, displayName });
  },
);

contactRoutes.post(
  '/new',
  validForm(contactForm, (c, issues) =>
    render(c, 'contacts/new', { title: 'New contact', values: { phones: [], emails: [] }, errors: errorsByField(issuesAsErrors(issues)), timezones: timezoneChoices(), duplicates: [] }, 422),
  ),
  async (c) => {
    const input = toContactInput(c.req.valid('form'));
    const result = await createContact({ input, actor: c.get('user')!, region: config.DEFAULT_PHONE_REGION });
    const services = c.get('services');
    if (result.ok) {
      await refreshSuggestions(result.contact, { region: config.DEFAULT_PHONE_REGION, emailRules, index: services.contactIndex });
      return c.redirect(`/contacts/${result.contact._id}`, 303);
    }
    const duplicates = await possibleDuplicates(input, services);
    return render(c, 'contacts/new', { title: 'New contact', values: input, errors: errorsByField(result.errors), timezones: timezoneChoices(), duplicates }, 422);
  },
);

contactRoutes.route('/', exportRoutes);
contactRoutes.route('/', profileRoutes);
