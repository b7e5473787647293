import { Hono } from 'hono';
import { listContacts } from '../../db/queries/list-contacts';
import { displayName } from '../../domain/contact-search-keys';
import { config } from '../../lib/config';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { contactListQuery, toQueryString } from './contacts.schemas';

export const contactRoutes = new Hono<AppEnv>();

contactRoutes.get('/', async (c) => {
  const query = contactListQuery.parse(c.req.query());
  const page = await listContacts({ ...query, defaultRegion: config.DEFAULT_PHONE_REGION });
  const data = {
    title: 'Contacts',
    query,
    page,
    displayName,
    toQueryString,
    nextUrl: page.nextCursor ? `/contacts${toQueryString({ ...query, after: page.nextCursor })}` : undefined,
  };
  // The list region alone for htmx (search, filter, next page); the whole page otherwise.
  return render(c, isHtmx(c) ? 'contacts/list' : 'contacts/index', data);
});
