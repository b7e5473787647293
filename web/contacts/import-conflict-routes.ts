import { Hono } from 'hono';
import { audit } from '../../db/audit';
import { contactToInput, updateContact } from '../../activities/contacts/save-contact';
import { Contact } from '../../db/models/index';
import { config } from '../../config/config';
import { AppError } from '../app-error';
import type { AppEnv } from '../env';
import { loadContact } from './load-contact';

/**
 * Values an import with policy Merge did not write because the contact had
 * another one. Staff settle each: use the imported value, or keep the saved one.
 */
export const importConflictRoutes = new Hono<AppEnv>();

const EDITABLE_KEYS = new Set(['firstName', 'middleName', 'lastName', 'preferredName', 'dateOfBirth', 'timezone', 'address.street', 'address.city', 'address.region', 'address.postcode', 'address.country']);

importConflictRoutes.post('/:id/import-conflicts/:n/:action{use|keep}', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const n = Number(c.req.param('n'));
  const conflicts = (contact as { importConflicts?: { key: string; field: string; kept: string; incoming: string }[] }).importConflicts ?? [];
  const conflict = conflicts[n];
  if (!conflict) throw new AppError('NOT_FOUND', 'This conflict was already settled.');
  const rest = conflicts.filter((_, i) => i !== n);
  const user = c.get('user')!;
  if (c.req.param('action') === 'use') {
    if (!EDITABLE_KEYS.has(conflict.key)) throw new AppError('BAD_REQUEST', 'This value cannot be set from here.');
    const input = contactToInput(contact);
    if (conflict.key.startsWith('address.')) input.address = { ...(input.address ?? {}), [conflict.key.slice(8)]: conflict.incoming };
    else (input as Record<string, unknown>)[conflict.key] = conflict.incoming;
    const saved = await updateContact({ id: contact._id, input, actor: user, region: config.DEFAULT_PHONE_REGION });
    if (!saved.ok) throw new AppError('BAD_REQUEST', saved.errors.map((e) => e.message).join('; '));
  }
  await Contact.updateOne({ _id: contact._id }, rest.length ? { $set: { importConflicts: rest } } : { $unset: { importConflicts: '' } });
  await audit(user, 'contact.import-conflict', { type: 'Contact', id: contact._id }, { field: conflict.field, action: c.req.param('action'), value: c.req.param('action') === 'use' ? conflict.incoming : conflict.kept });
  return c.redirect(`/contacts/${contact._id}#import-conflicts`, 303);
});
