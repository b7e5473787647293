import { Hono } from 'hono';
import { z } from 'zod';
import { messagesOfContact } from '../../db/messages/messages';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validQuery } from '../validation';

/** A contact's message history on its profile, paged newest first ("Older messages"). Mounted under /contacts/:contactId/messages. */
export const messageRoutes = new Hono<AppEnv>();

export const MESSAGES_PER_PAGE = 20;
const messagesQuery = z.object({ before: z.string().max(100).optional().catch(undefined) });

messageRoutes.get('/', validQuery(messagesQuery), async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#messages-title`, 303);
  const messages = await messagesOfContact(contact._id, { limit: MESSAGES_PER_PAGE, before: c.req.valid('query').before });
  return render(c, 'messages/history', { contact, messages });
});
