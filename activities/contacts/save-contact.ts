import type { Types } from 'mongoose';
import { buildContactRecord, type ContactInput, type FieldError } from '../../domain/contacts/build-contact-record';
import { audit, type Actor } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { Contact, type ContactDoc } from '../../db/models/index';

export type SaveResult = { ok: true; contact: ContactDoc } | { ok: false; errors: FieldError[] };

export async function createContact(o: { input: ContactInput; actor: Actor; region: string }): Promise<SaveResult> {
  const { record, errors } = buildContactRecord(o.input, o.region);
  if (errors.length) return { ok: false, errors };
  const created = await new Contact({ ...record, createdBy: o.actor.id, updatedBy: o.actor.id } as Record<string, unknown>).save();
  await recordContactChanges([created._id]);
  await audit(o.actor, 'contact.create', { type: 'Contact', id: created._id });
  return { ok: true, contact: created.toObject() as ContactDoc };
}

/** Replaces the editable fields, recomputing search keys; records which fields changed. */
export async function updateContact(o: { id: Types.ObjectId; input: ContactInput; actor: Actor; region: string }): Promise<SaveResult> {
  const existing = await Contact.findOne({ _id: o.id }).lean<ContactDoc>();
  if (!existing) return { ok: false, errors: [{ field: 'form', message: 'This contact no longer exists.' }] };
  const { record, errors } = buildContactRecord({ ...o.input, source: existing.source }, o.region);
  if (errors.length) return { ok: false, errors };
  const changed = Object.keys(record).filter((k) => JSON.stringify((record as Record<string, unknown>)[k]) !== JSON.stringify((existing as Record<string, unknown>)[k]));
  const updated = await Contact.findOneAndUpdate({ _id: o.id }, { $set: { ...record, updatedBy: o.actor.id } as Record<string, unknown> }, { returnDocument: 'after' }).lean<ContactDoc>();
  await recordContactChanges([o.id]);
  await audit(o.actor, 'contact.update', { type: 'Contact', id: o.id }, { fields: changed.filter((f) => !['sortName', 'nameTokens', 'phoneKeys', 'emailKeys'].includes(f)) });
  return { ok: true, contact: updated! };
}

/** Input shape of a stored contact, for edit forms that start from what is saved. */
export function contactToInput(c: ContactDoc): ContactInput {
  return {
    firstName: c.firstName ?? '',
    middleName: c.middleName ?? '',
    lastName: c.lastName ?? '',
    preferredName: c.preferredName ?? '',
    phones: c.phones.map((p) => ({ type: p.type ?? 'mobile', raw: p.raw, primary: Boolean(p.primary) })),
    emails: c.emails.map((e) => ({ type: e.type ?? 'personal', address: e.address, primary: Boolean(e.primary) })),
    address: c.address ? { street: c.address.street ?? '', city: c.address.city ?? '', region: c.address.region ?? '', postcode: c.address.postcode ?? '', country: c.address.country ?? '' } : undefined,
    dateOfBirth: c.dateOfBirth ?? '',
    timezone: c.timezone ?? '',
    preferences: {
      channel: c.preferences?.channel ?? undefined,
      doNotContact: { sms: Boolean(c.preferences?.doNotContact?.sms), email: Boolean(c.preferences?.doNotContact?.email), phone: Boolean(c.preferences?.doNotContact?.phone), mail: Boolean(c.preferences?.doNotContact?.mail) },
      bestHours: { start: c.preferences?.bestHours?.start ?? '', end: c.preferences?.bestHours?.end ?? '' },
    },
    appStatus: { installed: Boolean(c.appStatus?.installed), at: c.appStatus?.at ?? undefined, platform: c.appStatus?.platform ?? undefined },
    tags: c.tags,
  };
}
