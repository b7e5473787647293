import type { ContactDoc } from '../../db/models/index';
import { audit, type Actor } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { insertContact } from '../../db/contacts/contacts';
import { buildContactRecord, type ContactInput, type FieldError } from '../../domain/contacts/build-contact-record';

export type SaveContactResult = { ok: true; contact: ContactDoc } | { ok: false; errors: FieldError[] };

/** A new contact from the form (or a test): validated, stored with its search keys, logged for the read models and audited. */
export async function createContact(o: { input: ContactInput; actor: Actor; region: string }): Promise<SaveContactResult> {
  const { record, errors } = buildContactRecord(o.input, o.region);
  if (errors.length) return { ok: false, errors };
  const created = await insertContact(record, o.actor.id);
  await recordContactChanges([created._id]);
  await audit(o.actor, 'contact.create', { type: 'Contact', id: created._id });
  return { ok: true, contact: created };
}
