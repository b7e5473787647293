import { Types } from 'mongoose';
import type { ContactDoc } from '../../db/models/index';
import { MAX_MERGE_RECORDS } from '../../activities/merge/request-merge';
import { defaultChoices, emailKey, FIELD_LABELS, isEmptyValue, phoneKey, SINGLE_VALUE_FIELDS, type MergeChoices, type SingleValueField } from '../../domain/merge/merge-fields';
import type { MergeForm } from './merge.schemas';

/** The ids chosen to merge with the current contact, from ?with=…&with=… (valid, distinct, not the contact itself). */
export function parseWithIds(values: string[] | undefined, currentId: string): string[] {
  const ids = (values ?? []).flatMap((v) => v.split(',')).filter((v) => Types.ObjectId.isValid(v) && v !== currentId);
  return [...new Set(ids)].slice(0, MAX_MERGE_RECORDS - 1);
}

/** How a field's value reads in the comparison table. */
export function showValue(field: SingleValueField, value: unknown): string {
  if (isEmptyValue(value)) return '';
  if (field === 'address') {
    const a = value as Record<string, string | undefined>;
    return [a.street, a.city, [a.region, a.postcode].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ');
  }
  if (field === 'preferences') {
    const p = value as { channel?: string; doNotContact?: Record<string, boolean>; bestHours?: { start?: string; end?: string } };
    const no = Object.entries(p.doNotContact ?? {}).filter(([, v]) => v).map(([k]) => k);
    return [p.channel ? `prefers ${p.channel}` : '', no.length ? `do not contact by ${no.join(', ')}` : '', p.bestHours?.start ? `best ${p.bestHours.start}–${p.bestHours.end}` : ''].filter(Boolean).join('; ');
  }
  return String(value);
}

export type ComparisonRow = { field: SingleValueField; label: string; values: { id: string; text: string }[]; chosen: string; allSame: boolean };

/** One row per field: each record's value, which one is chosen by default, and whether there is anything to choose. */
export function comparisonRows(contacts: ContactDoc[], choices: MergeChoices): ComparisonRow[] {
  return SINGLE_VALUE_FIELDS.map((field) => {
    const values = contacts.map((c) => ({ id: String(c._id), text: showValue(field, c[field as keyof ContactDoc]) }));
    const distinct = new Set(values.map((v) => v.text));
    return { field, label: FIELD_LABELS[field], values, chosen: choices.fields[field] ?? choices.survivorId, allSame: distinct.size === 1 };
  });
}

/** Every distinct phone and email across the records, each with the records that have it. */
export function multiValueOptions(contacts: ContactDoc[]) {
  // A number typed differently on two records is one option; each way it was typed is shown, and the kept record's stays.
  const phones = new Map<string, { key: string; text: string; e164?: string; raw: string; type?: string; typed: string[]; owners: string[] }>();
  const emails = new Map<string, { key: string; text: string; owners: string[] }>();
  for (const c of contacts) {
    for (const p of c.phones) {
      const k = phoneKey(p);
      const entry = phones.get(k) ?? phones.set(k, { key: k, text: `${p.raw}${p.type ? ` (${p.type})` : ''}`, e164: p.e164 ?? undefined, raw: p.raw, type: p.type ?? undefined, typed: [], owners: [] }).get(k)!;
      entry.owners.push(String(c._id));
      if (!entry.typed.includes(p.raw)) entry.typed.push(p.raw);
    }
    for (const e of c.emails) {
      const k = emailKey(e);
      const entry = emails.get(k) ?? emails.set(k, { key: k, text: `${e.address}${e.type ? ` (${e.type})` : ''}`, owners: [] }).get(k)!;
      entry.owners.push(String(c._id));
    }
  }
  return { phones: [...phones.values()], emails: [...emails.values()] };
}

export type ParsedMergeForm = { ok: true; survivorId: string; loserIds: string[]; choices: MergeChoices } | { ok: false; message: string };

/** Reads the comparison form; every id must be one of the records being merged. */
export function parseMergeForm(form: MergeForm, contacts: ContactDoc[]): ParsedMergeForm {
  const ids = contacts.map((c) => String(c._id));
  const survivorId = form.survivor ?? ids[0]!;
  if (!ids.includes(survivorId)) return { ok: false, message: 'Choose which record to keep.' };
  if (ids.length < 2) return { ok: false, message: 'Choose at least one other contact to merge.' };
  const choices = defaultChoices(contacts, survivorId);
  for (const field of SINGLE_VALUE_FIELDS) {
    const chosen = form[`field.${field}`];
    if (chosen !== undefined) {
      if (!ids.includes(chosen)) return { ok: false, message: `The choice for ${FIELD_LABELS[field]} is not one of the records.` };
      choices.fields[field] = chosen;
    }
  }
  if (form.phonesShown) choices.phones = form.phone.filter((k) => choices.phones.includes(k));
  if (form.emailsShown) choices.emails = form.email.filter((k) => choices.emails.includes(k));
  return { ok: true, survivorId, loserIds: ids.filter((id) => id !== survivorId), choices };
}
