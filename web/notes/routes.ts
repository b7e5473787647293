import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import { Note } from '../../db/models/index';
import { hasVisibleText, NOTE_MAX_CHARS, sanitizeNoteHtml } from '../../domain/notes/sanitize-note-html';
import { config } from '../../config/config';
import { AppError } from '../app-error';
import { loadContact } from '../contacts/load-contact';
import { storeUploads } from '../../activities/documents/store-uploads';
import type { AppEnv } from '../env';
import { render } from '../render';

export const noteRoutes = new Hono<AppEnv>();

noteRoutes.post('/', bodyLimit({ maxSize: config.UPLOAD_MAX_BYTES * 5 + 256 * 1024, onError: () => { throw new AppError('BAD_REQUEST', 'The note and its attachments are too large.'); } }), async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const body = await c.req.parseBody({ all: true });
  const html = sanitizeNoteHtml(typeof body.html === 'string' ? body.html : '');
  const files = ([] as unknown[]).concat(body.attachments ?? []).filter((f): f is File => f instanceof File && f.name !== '');
  if (!hasVisibleText(html) && files.length === 0) throw new AppError('BAD_REQUEST', 'Write something in the note (or attach a file) before adding it.');
  if (html.length > NOTE_MAX_CHARS) throw new AppError('BAD_REQUEST', `A note can hold at most ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters.`);
  const user = c.get('user')!;
  const { stored, rejected } = await storeUploads({ files, contactId: contact._id, actor: user, storage: c.get('services').storage });
  if (rejected.length) throw new AppError('BAD_REQUEST', `Not attached: ${rejected.map((r) => `${r.name} (${r.reason})`).join('; ')}. The note was not saved.`);
  const note = await Note.create({ contactId: contact._id, html: html || '<p>(attachments)</p>', attachmentIds: stored.map((d) => d._id), authorId: user.id, authorName: user.name });
  await addLinkedRecords('note', contact._id, [{ id: note._id, at: note.createdAt }]);
  await audit(user, 'note.create', { type: 'Note', id: note._id }, { contactId: String(contact._id), attachments: stored.length });
  return c.redirect(`/contacts/${contact._id}#note-${note._id}`, 303);
});

async function loadNote(contactId: string, noteId: string) {
  if (!Types.ObjectId.isValid(noteId)) throw new AppError('NOT_FOUND', 'No such note.');
  const note = await Note.findOne({ _id: new Types.ObjectId(noteId) }).lean();
  if (!note || String(note.contactId) !== contactId) throw new AppError('NOT_FOUND', 'No such note.');
  return note;
}

noteRoutes.get('/:noteId/edit', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const note = await loadNote(String(contact._id), c.req.param('noteId'));
  return render(c, 'contacts/profile/note-edit', { title: 'Edit note', contact, note });
});

/** Saves a new version; the previous one is kept in the note's history. */
noteRoutes.post('/:noteId', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const note = await loadNote(String(contact._id), c.req.param('noteId'));
  const body = await c.req.parseBody();
  const html = sanitizeNoteHtml(typeof body.html === 'string' ? body.html : '');
  if (!hasVisibleText(html)) throw new AppError('BAD_REQUEST', 'A note cannot be empty.');
  const user = c.get('user')!;
  if (html !== note.html) {
    await Note.updateOne({ _id: note._id }, { $set: { html }, $push: { history: { html: note.html, editedAt: new Date(), editedBy: user.id } } });
    await audit(user, 'note.edit', { type: 'Note', id: note._id }, { contactId: String(contact._id) });
  }
  return c.redirect(`/contacts/${contact._id}#note-${note._id}`, 303);
});
