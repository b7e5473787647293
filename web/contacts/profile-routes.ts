import { Hono } from 'hono';
import { Types } from 'mongoose';
import { contactToInput, updateContact } from '../../activities/contacts/save-contact';
import { casesOfContact } from '../../activities/cases/link-contact-to-case';
import { findByIds, linkedRecords } from '../../db/contacts/contact-links';
import { Message, Note, type MessageDoc, type NoteDoc } from '../../db/models/index';
import { attachmentsByNote, contactDocuments } from '../../db/documents/contact-documents';
import { CASE_ROLES } from '../../db/models/case';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { contactLocalTime } from '../../domain/contacts/contact-local-time';
import { config } from '../../config/config';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { errorsByField, parseContactForm } from './contact-form';
import { loadContact } from './load-contact';
import { refreshSuggestions } from '../../db/duplicates/suggestions';
import { timezoneNames } from '../../domain/contacts/timezones';
import { mergeBanner, mergesIntoContact } from '../merge/merge-history-view';

export const profileRoutes = new Hono<AppEnv>();

const MESSAGES_PER_PAGE = 20;

/** One page of message history, newest first, from the contact's linked-message list. */
async function messagePage(contactId: Types.ObjectId, before?: string) {
  const cursor = before && /^\d{14}:[0-9a-f]{24}$/.test(before) ? before : undefined;
  const page = await linkedRecords('message', contactId, { limit: MESSAGES_PER_PAGE, before: cursor });
  const rows = await findByIds<MessageDoc>(Message, page.refs.map((r) => r.id));
  return { rows, total: page.total, olderCursor: page.olderCursor, isFirstPage: !cursor };
}

profileRoutes.get('/:id', async (c) => {
  const contact = await loadContact(c.req.param('id'), { allowMerged: true });
  // A merged-away contact's old address leads to the contact it was merged into.
  if (contact.mergedInto) return c.redirect(`/contacts/${contact.mergedInto}?mergedFrom=${contact._id}`, 302);
  const [cases, messages, notes, documents, merges] = await Promise.all([
    casesOfContact(contact._id, 100),
    messagePage(contact._id),
    linkedRecords('note', contact._id, { limit: 100 }).then((p) => findByIds<NoteDoc>(Note, p.refs.map((r) => r.id))),
    contactDocuments(contact._id),
    mergesIntoContact(contact._id),
  ]);
  const attachments = await attachmentsByNote(notes);
  return render(c, 'contacts/profile/page', {
    title: displayName(contact),
    contact,
    cases,
    messages,
    notes: notes.map((n) => ({ ...n, attachments: attachments.get(String(n._id)) ?? [] })),
    documents,
    caseRoles: CASE_ROLES,
    displayName,
    localTime: contactLocalTime(contact.timezone ?? undefined, contact.preferences?.bestHours ?? undefined, new Date()),
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    merges,
    banner: await mergeBanner(contact._id, c.req.query()),
  });
});

profileRoutes.get('/:id/messages', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#messages-title`, 303);
  const messages = await messagePage(contact._id, c.req.query('before'));
  return render(c, 'contacts/profile/messages', { contact, messages });
});

profileRoutes.get('/:id/details', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const localTime = contactLocalTime(contact.timezone ?? undefined, contact.preferences?.bestHours ?? undefined, new Date());
  return render(c, 'contacts/profile/details', { contact, localTime, displayName });
});

profileRoutes.get('/:id/edit', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const data = { contact, values: contactToInput(contact), errors: {}, timezones: timezoneNames() };
  return isHtmx(c) ? render(c, 'contacts/profile/edit-form', data) : render(c, 'contacts/profile/edit-page', { ...data, title: `Edit ${displayName(contact)}` });
});

profileRoutes.post('/:id', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const body = await c.req.parseBody({ all: true });
  const parsed = parseContactForm(body, contactToInput(contact).appStatus);
  const user = c.get('user')!;
  const result = parsed.ok ? await updateContact({ id: contact._id, input: parsed.input, actor: user, region: config.DEFAULT_PHONE_REGION }) : parsed;
  if (!result.ok) {
    const values = parsed.ok ? parsed.input : contactToInput(contact);
    const data = { contact, values: { ...values, ...formEcho(body) }, errors: errorsByField(result.errors), timezones: timezoneNames() };
    return isHtmx(c) ? render(c, 'contacts/profile/edit-form', data, 422) : render(c, 'contacts/profile/edit-page', { ...data, title: 'Edit contact' }, 422);
  }
  await refreshSuggestions(result.contact, { region: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex });
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}`, 303);
  const localTime = contactLocalTime(result.contact.timezone ?? undefined, result.contact.preferences?.bestHours ?? undefined, new Date());
  c.header('HX-Trigger', 'contact-saved');
  return render(c, 'contacts/profile/details', { contact: result.contact, localTime, displayName, saved: true });
});

/** What was typed in the phone and email rows, shown back when the form has errors. */
function formEcho(body: Record<string, unknown>) {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  const raws = list(body.phoneRaw);
  const types = list(body.phoneType);
  const addresses = list(body.emailAddress);
  const emailTypes = list(body.emailType);
  return {
    phones: raws.map((raw, i) => ({ raw, type: types[i] ?? 'mobile', primary: String(body.phonePrimary) === String(i) })),
    emails: addresses.map((address, i) => ({ address, type: emailTypes[i] ?? 'personal', primary: String(body.emailPrimary) === String(i) })),
  };
}
