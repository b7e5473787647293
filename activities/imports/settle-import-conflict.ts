import { audit, type Actor } from '../../db/audit';
import { setImportConflicts } from '../../db/contacts/contacts';
import type { ContactDoc } from '../../db/models/index';
import { contactToInput } from '../../domain/contacts/contact-to-input';
import type { ImportConflict } from '../../domain/imports/combine-import-row';
import { updateContact } from '../contacts/update-contact';

// The fields an import conflict may set from here: plain values staff could type on the edit form.
const EDITABLE_KEYS = new Set(['firstName', 'middleName', 'lastName', 'preferredName', 'dateOfBirth', 'timezone', 'address', 'address.street', 'address.city', 'address.region', 'address.postcode', 'address.country']);

export type SettleConflictResult = { ok: true } | { ok: false; code: 'NOT_FOUND' | 'BAD_REQUEST'; message: string };

/**
 * Settles one value an import with policy Merge did not write because the
 * contact had another: `use` writes the imported value (as an edit would),
 * `keep` leaves the saved one. Either way the conflict is gone and audited.
 */
export async function settleImportConflict(o: { contact: ContactDoc; index: number; action: 'use' | 'keep'; actor: Actor; region: string }): Promise<SettleConflictResult> {
  const conflicts: ImportConflict[] = o.contact.importConflicts ?? [];
  const conflict = conflicts[o.index];
  if (!conflict) return { ok: false, code: 'NOT_FOUND', message: 'This conflict was already settled.' };
  if (o.action === 'use') {
    if (!EDITABLE_KEYS.has(conflict.key)) return { ok: false, code: 'BAD_REQUEST', message: 'This value cannot be set from here.' };
    const input = contactToInput(o.contact);
    // An address conflict replaces the whole address (the file's parts); older per-part ones set that part.
    if (conflict.key === 'address') input.address = Object.fromEntries(Object.entries(conflict.incomingAddress ?? {}).filter(([, v]) => v)) as typeof input.address;
    else if (conflict.key.startsWith('address.')) input.address = { ...(input.address ?? {}), [conflict.key.slice(8)]: conflict.incoming };
    else (input as Record<string, unknown>)[conflict.key] = conflict.incoming;
    const saved = await updateContact({ id: o.contact._id, input, actor: o.actor, region: o.region });
    if (!saved.ok) return { ok: false, code: 'BAD_REQUEST', message: saved.errors.map((e) => e.message).join('; ') };
  }
  await setImportConflicts(o.contact._id, conflicts.filter((_, i) => i !== o.index));
  await audit(o.actor, 'contact.import-conflict', { type: 'Contact', id: o.contact._id }, { field: conflict.field, action: o.action, value: o.action === 'use' ? conflict.incoming : conflict.kept });
  return { ok: true };
}
