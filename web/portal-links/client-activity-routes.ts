import { Hono } from 'hono';
import { Types } from 'mongoose';
import { findContacts } from '../../db/contacts/contacts';
import { countUnseenPortalNotices, markPortalNoticeSeen, recentPortalNotices, unseenPortalNotices } from '../../db/portal/portal-notices';
import { displayName } from '../../domain/contacts/contact-search-keys';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';

/**
 * Client activity: what clients did on the portal that no one on staff has
 * looked at yet (messages, uploads, requests for a new link), each with a
 * link to where to answer. The nav's count is fetched by the page (htmx),
 * so ordinary pages pay nothing for it. Mounted under /client-activity.
 */
export const clientActivityRoutes = new Hono<AppEnv>();

clientActivityRoutes.get('/', async (c) => {
  const [unseen, seen] = await Promise.all([unseenPortalNotices(), recentPortalNotices(20)]);
  const contacts = new Map((await findContacts([...new Set([...unseen, ...seen].map((n) => String(n.contactId)))].map((id) => new Types.ObjectId(id)))).map((x) => [String(x._id), x]));
  return render(c, 'portal-links/client-activity', { title: 'Client activity', unseen, seen, contactName: (id: Types.ObjectId) => { const ct = contacts.get(String(id)); return ct ? displayName(ct) : 'a removed contact'; } });
});

clientActivityRoutes.get('/count', async (c) => {
  const n = await countUnseenPortalNotices();
  return c.html(n ? `<span class="badge warn" data-testid="client-activity-count">${n}</span>` : '');
});

clientActivityRoutes.post('/:id/seen', async (c) => {
  const id = c.req.param('id');
  if (Types.ObjectId.isValid(id)) await markPortalNoticeSeen(new Types.ObjectId(id), c.get('user')!.name, new Date());
  if (!isHtmx(c)) return c.redirect('/client-activity', 303);
  return c.html('');
});
