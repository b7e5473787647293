// What a submitted form would change on its contact: for each answer mapped
// to a contact field, the value on file and the form's value, when they
// differ. Nothing is written from here: staff accept or reject each change
// (the review screen), and an accepted one is applied to the contact's
// input with `withChange`, remembering what it replaced so it can be undone.
import type { ContactInput } from '../contacts/build-contact-record';
import { formatAddress } from '../contacts/format-address';
import { normalizePhone } from '../contacts/normalize-phone';
import type { StoredContact } from '../contacts/stored-contact';
import { ADDRESS_KEYS, CHANNEL_ANSWERS, CONTACT_TARGET_LABELS, type ContactTarget, type FormAnswers, type FormField } from './form-fields';

export type ProposedChange = { target: ContactTarget; label: string; current: string; proposed: string; value: string | Record<string, string> };

type Address = NonNullable<ContactInput['address']>;
const CHANNEL_WORDS: Record<string, string> = { sms: 'Text message', email: 'Email', phone: 'Phone call', mail: 'Mail' };

function currentOf(contact: StoredContact, target: ContactTarget): string {
  switch (target) {
    case 'phone': {
      const p = contact.phones.find((x) => x.primary) ?? contact.phones[0];
      return p?.e164 ?? p?.raw ?? '';
    }
    case 'email':
      return (contact.emails.find((x) => x.primary) ?? contact.emails[0])?.address.toLowerCase() ?? '';
    case 'address':
      return formatAddress(contact.address);
    case 'preferredChannel':
      return contact.preferences?.channel ? CHANNEL_WORDS[contact.preferences.channel]! : '';
    case 'dateOfBirth':
      return contact.dateOfBirth ?? '';
    default:
      return (contact[target] ?? '').trim();
  }
}

export function proposedContactChanges(fields: readonly FormField[], answers: FormAnswers, contact: StoredContact): ProposedChange[] {
  const out: ProposedChange[] = [];
  for (const f of fields) {
    if (!f.mapsTo) continue;
    const current = currentOf(contact, f.mapsTo);
    if (f.type === 'address') {
      const parts = Object.fromEntries(ADDRESS_KEYS.flatMap((k) => (answers[`${f.key}:${k}`] ? [[k, String(answers[`${f.key}:${k}`])]] : [])));
      const proposed = formatAddress(parts);
      if (proposed && proposed !== current) out.push({ target: f.mapsTo, label: CONTACT_TARGET_LABELS[f.mapsTo], current, proposed, value: parts });
      continue;
    }
    const raw = answers[f.key];
    if (typeof raw !== 'string' || !raw) continue;
    let value = raw;
    let proposed = raw;
    if (f.mapsTo === 'preferredChannel') {
      const channel = CHANNEL_ANSWERS[raw.toLowerCase()];
      if (!channel) continue;
      value = channel;
      proposed = CHANNEL_WORDS[channel]!;
    }
    if (proposed !== current) out.push({ target: f.mapsTo, label: CONTACT_TARGET_LABELS[f.mapsTo], current, proposed, value });
  }
  return out;
}

/** The contact's input with one accepted change made (a new phone or email becomes the primary one; an existing one is made primary). */
export function withChange(input: ContactInput, change: Pick<ProposedChange, 'target' | 'value'>, region: string): ContactInput {
  const next: ContactInput = structuredClone(input);
  const v = change.value;
  switch (change.target) {
    case 'phone': {
      const e164 = String(v);
      const phones = (next.phones ?? []).map((p) => ({ ...p, primary: false }));
      const same = phones.find((p) => { const n = normalizePhone(p.raw, region); return n.ok && n.e164 === e164; });
      if (same) same.primary = true;
      else phones.unshift({ type: 'mobile', raw: e164, primary: true });
      next.phones = phones;
      break;
    }
    case 'email': {
      const address = String(v);
      const emails = (next.emails ?? []).map((e) => ({ ...e, primary: false }));
      const same = emails.find((e) => e.address.toLowerCase() === address);
      if (same) same.primary = true;
      else emails.unshift({ type: 'personal', address, primary: true });
      next.emails = emails;
      break;
    }
    case 'address':
      next.address = { ...(v as Address) };
      break;
    case 'preferredChannel':
      next.preferences = { ...next.preferences, channel: String(v) as never };
      break;
    default:
      next[change.target] = String(v);
  }
  return next;
}

/** What an accepted change replaced, to put back on undo: the input's part it touched. */
export function partTouched(input: ContactInput, target: ContactTarget): unknown {
  switch (target) {
    case 'phone':
      return input.phones ?? [];
    case 'email':
      return input.emails ?? [];
    case 'address':
      return input.address ?? null;
    case 'preferredChannel':
      return input.preferences?.channel ?? null;
    default:
      return input[target] ?? '';
  }
}

export function withPartRestored(input: ContactInput, target: ContactTarget, part: unknown): ContactInput {
  const next: ContactInput = structuredClone(input);
  switch (target) {
    case 'phone':
      next.phones = part as ContactInput['phones'];
      break;
    case 'email':
      next.emails = part as ContactInput['emails'];
      break;
    case 'address':
      next.address = (part as Address | null) ?? undefined;
      break;
    case 'preferredChannel':
      next.preferences = { ...next.preferences, channel: (part as never) ?? undefined };
      break;
    default:
      next[target] = String(part ?? '');
  }
  return next;
}
