import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { findContact, setContactFields } from '../../db/contacts/contacts';
import { buildContactRecord, type ContactInput } from '../../domain/contacts/build-contact-record';
import type { SaveContactResult } from './create-contact';

const SEARCH_KEYS = ['sortName', 'nameTokens', 'phoneKeys', 'emailKeys'];

/** Replaces the editable fields, recomputing search keys; records which fields changed. */
export async function updateContact(o: { id: Types.ObjectId; input: ContactInput; actor: Actor; region: string }): Promise<SaveContactResult> {
  const existing = await findContact(o.id);
  if (!existing) return { ok: false, errors: [{ field: 'form', message: 'This contact no longer exists.' }] };
  const { record, errors } = buildContactRecord({ ...o.input, source: existing.source }, o.region);
  if (errors.length) return { ok: false, errors };
  const before: Record<string, unknown> = existing;
  const changed = Object.entries(record).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])).map(([k]) => k);
  const updated = await setContactFields(o.id, record, o.actor.id);
  if (!updated) return { ok: false, errors: [{ field: 'form', message: 'This contact no longer exists.' }] };
  await recordContactChanges([o.id]);
  await audit(o.actor, 'contact.update', { type: 'Contact', id: o.id }, { fields: changed.filter((f) => !SEARCH_KEYS.includes(f)) });
  return { ok: true, contact: updated };
}
