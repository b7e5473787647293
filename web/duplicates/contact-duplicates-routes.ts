import { Hono } from 'hono';
import { findDuplicateCandidates } from '../../activities/duplicates/find-duplicate-candidates';
import { markNotDuplicate } from '../../activities/duplicates/mark-not-duplicate';
import { refreshSuggestions } from '../../activities/duplicates/refresh-suggestions';
import { config, emailRules } from '../../config/config';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';

/** A contact's possible duplicates on its profile, and "Not a duplicate", under /contacts/:id. */
export const contactDuplicatesRoutes = new Hono<AppEnv>();

contactDuplicatesRoutes.get('/:id/duplicates', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const duplicates = await refreshSuggestions(contact, { region: config.DEFAULT_PHONE_REGION, emailRules, index: c.get('services').contactIndex });
  return render(c, 'duplicates/contact-duplicates', { contact, duplicates, displayName });
});

contactDuplicatesRoutes.post('/:id/not-duplicate/:otherId', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const other = await loadContact(c.req.param('otherId'));
  await markNotDuplicate(contact._id, other._id, c.get('user')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}`, 303);
  const duplicates = await findDuplicateCandidates(contactMatchInput(contact), { region: config.DEFAULT_PHONE_REGION, emailRules, index: c.get('services').contactIndex, excludeId: String(contact._id) });
  return render(c, 'duplicates/contact-duplicates', { contact, duplicates, displayName, notice: `${displayName(other)} will not be suggested as a duplicate again.` });
});
