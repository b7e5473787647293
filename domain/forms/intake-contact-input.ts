// An intake form's answers as a new contact's input: the answers mapped to
// contact fields (name parts, phone, email, address, date of birth,
// preferred channel). Used for the duplicate check and, when staff choose
// "create a new contact", for the contact itself.
import type { ContactInput } from '../contacts/build-contact-record';
import { ADDRESS_KEYS, CHANNEL_ANSWERS, type FormAnswers, type FormField } from './form-fields';

export function intakeContactInput(fields: readonly FormField[], answers: FormAnswers): ContactInput {
  const input: ContactInput = { firstName: '', lastName: '', phones: [], emails: [], tags: [] };
  for (const f of fields) {
    if (!f.mapsTo) continue;
    const v = answers[f.key];
    const text = typeof v === 'string' ? v.trim() : '';
    switch (f.mapsTo) {
      case 'phone':
        if (text) input.phones = [{ type: 'mobile', raw: text, primary: true }];
        break;
      case 'email':
        if (text) input.emails = [{ type: 'personal', address: text, primary: true }];
        break;
      case 'address': {
        const parts = Object.fromEntries(ADDRESS_KEYS.flatMap((k) => (answers[`${f.key}:${k}`] ? [[k, String(answers[`${f.key}:${k}`])]] : [])));
        if (Object.keys(parts).length) input.address = parts;
        break;
      }
      case 'preferredChannel': {
        const channel = CHANNEL_ANSWERS[text.toLowerCase()];
        if (channel) input.preferences = { channel };
        break;
      }
      default:
        if (text) input[f.mapsTo] = text;
    }
  }
  return input;
}
