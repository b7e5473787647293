import { Hono } from 'hono';
import { z } from 'zod';
import { settleImportConflict } from '../../activities/imports/settle-import-conflict';
import { config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import type { AppEnv } from '../env';
import { validParams } from '../validation';
import { loadContact } from '../contacts/load-contact';

/**
 * Values an import with policy Merge did not write because the contact had
 * another one. Staff settle each on the contact's profile: use the imported
 * value, or keep the saved one. Mounted under /contacts.
 */
export const importConflictRoutes = new Hono<AppEnv>();

const conflictParams = z.object({ id: z.string(), n: z.coerce.number().int().min(0), action: z.enum(['use', 'keep']) });

importConflictRoutes.post('/:id/import-conflicts/:n/:action{use|keep}', validParams(conflictParams), async (c) => {
  const { id, n, action } = c.req.valid('param');
  const contact = await loadContact(id);
  const settled = await settleImportConflict({ contact, index: n, action, actor: c.get('user')!, region: config.DEFAULT_PHONE_REGION });
  if (!settled.ok) throw new AppError(settled.code, settled.message);
  return c.redirect(`/contacts/${contact._id}#import-conflicts`, 303);
});
