// A client's answers, checked field by field when they submit: only the
// fields that show for their answers count (a hidden conditional field's
// answer is dropped, not refused), each with a message a person can act on.
import { normalizeEmail } from '../contacts/normalize-email';
import { normalizePhone } from '../contacts/normalize-phone';
import { ADDRESS_KEYS, visibleFields, type FormAnswers, type FormField } from './form-fields';

export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 10_000;
export const SIGNATURE_MAX_CHARS = 400_000; // a drawn signature as a PNG data URL
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

export type AnswerCheck = { ok: true; answers: FormAnswers } | { ok: false; errors: Record<string, string> };

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : (v ?? '')).trim();

export function isDrawnSignature(value: string): boolean {
  return value.length <= SIGNATURE_MAX_CHARS && PNG_DATA_URL.test(value) && Buffer.from(value.slice(value.indexOf(',') + 1, value.indexOf(',') + 13), 'base64').subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

export function checkFormAnswers(fields: readonly FormField[], given: FormAnswers, o: { region: string; fileIds?: ReadonlySet<string> }): AnswerCheck {
  const errors: Record<string, string> = {};
  const answers: FormAnswers = {};
  for (const f of visibleFields(fields, given)) {
    if (f.type === 'heading') continue;
    const raw = given[f.key];
    const value = text(raw);
    const fail = (message: string) => void (errors[f.key] = message);
    if (f.type === 'address') {
      const parts = Object.fromEntries(ADDRESS_KEYS.map((k) => [k, text(given[`${f.key}:${k}`]).slice(0, 200)]));
      const any = ADDRESS_KEYS.some((k) => parts[k]);
      if (f.required && !(parts.street && parts.city)) fail('Enter at least the street and the city.');
      else if (any) for (const k of ADDRESS_KEYS) if (parts[k]) answers[`${f.key}:${k}`] = parts[k]!;
      continue;
    }
    if (f.type === 'multiple-choice') {
      const picked = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => v.trim()).filter(Boolean);
      if (picked.some((p) => !f.options?.includes(p))) fail('Choose from the list.');
      else if (f.required && !picked.length) fail('Choose at least one.');
      else if (picked.length) answers[f.key] = picked;
      continue;
    }
    if (!value) {
      if (f.required) fail(f.type === 'signature' ? 'Sign here to continue.' : f.type === 'file' ? 'Send the file this asks for.' : f.type === 'yes-no' || f.type === 'single-choice' ? 'Choose an answer.' : 'This is required.');
      continue;
    }
    switch (f.type) {
      case 'short-text':
        if (value.length > SHORT_TEXT_MAX) fail(`At most ${SHORT_TEXT_MAX} characters.`);
        else answers[f.key] = value;
        break;
      case 'long-text':
        if (value.length > LONG_TEXT_MAX) fail(`At most ${LONG_TEXT_MAX.toLocaleString('en-US')} characters.`);
        else answers[f.key] = value;
        break;
      case 'number':
        if (!/^-?\d{1,15}([.,]\d{1,6})?$/.test(value.replace(/[\s,](?=\d{3}\b)/g, ''))) fail('Enter a number, such as 12 or 3.5.');
        else answers[f.key] = value.replace(/[\s,](?=\d{3}\b)/g, '').replace(',', '.');
        break;
      case 'date': {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
        if (!m || !d || d.getUTCDate() !== Number(m[3]) || Number(m[1]) < 1900 || Number(m[1]) > 2100) fail('Enter a date, such as 1985-04-23.');
        else answers[f.key] = value;
        break;
      }
      case 'single-choice':
        if (!f.options?.includes(value)) fail('Choose from the list.');
        else answers[f.key] = value;
        break;
      case 'yes-no':
        if (value !== 'yes' && value !== 'no') fail('Choose yes or no.');
        else answers[f.key] = value;
        break;
      case 'phone': {
        const n = normalizePhone(value, o.region);
        if (!n.ok) fail('Enter a phone number with its area code, such as (303) 555-0134.');
        else answers[f.key] = n.e164;
        break;
      }
      case 'email':
        if (!normalizeEmail(value).ok || value.length > 254) fail('Enter an email address, such as name@example.com.');
        else answers[f.key] = value.toLowerCase();
        break;
      case 'file':
        if (!/^[0-9a-f]{24}$/.test(value) || (o.fileIds && !o.fileIds.has(value))) fail('Send the file again: this one was not received.');
        else answers[f.key] = value;
        break;
      case 'signature':
        // Drawn on the screen (a PNG), or, without JavaScript, the signer's full name typed.
        if (value.startsWith('data:') ? !isDrawnSignature(value) : value.length < 2 || value.length > 200) fail('Sign again: the signature did not come through.');
        else answers[f.key] = value;
        break;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}
