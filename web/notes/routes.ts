import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Types } from 'mongoose';
import { z } from 'zod';
import { addNote } from '../../activities/notes/add-note';
import { editNote } from '../../activities/notes/edit-note';
import { config } from '../../config/config';
import { findNote } from '../../db/notes/notes';
import { AppError } from '../../domain/app-error';
import { loadContact } from '../contacts/load-contact';
import { renderProfile } from '../contacts/profile-page';
import type { AppEnv } from '../env';
import { render } from '../render';
import { validForm } from '../validation';

export const noteRoutes = new Hono<AppEnv>();

const asFiles = (v: unknown) => ([] as unknown[]).concat(v ?? []).filter((f): f is File => f instanceof File && f.name !== '');
const html = z.unknown().optional().transform((v) => (typeof v === 'string' ? v : ''));
// A key that is not an id (an old page, a hand-made request) just gives the note a new one.
const noteKey = z.string().regex(/^[0-9a-f]{24}$/).optional().catch(undefined).transform((v) => (v ? new Types.ObjectId(v) : undefined));
const newNoteForm = z.object({ html, noteKey, attachments: z.unknown().optional().transform(asFiles) });
const editNoteForm = z.object({ html });
const neverInvalid = () => {
  throw new AppError('BAD_REQUEST', 'Check the form');
};

noteRoutes.post(
  '/',
  bodyLimit({ maxSize: config.UPLOAD_MAX_BYTES * 5 + 256 * 1024, onError: () => { throw new AppError('BAD_REQUEST', 'The note and its attachments are too large.'); } }),
  validForm(newNoteForm, neverInvalid),
  async (c) => {
    const contact = await loadContact(c.req.param('contactId')!);
    const form = c.req.valid('form');
    try {
      const note = await addNote({ contact, key: form.noteKey, html: form.html, files: form.attachments, actor: c.get('user')!, storage: c.get('services').storage, maxBytes: config.UPLOAD_MAX_BYTES });
      return c.redirect(`/contacts/${contact._id}#note-${note._id}`, 303);
    } catch (err) {
      // An empty note, one too long, a refused attachment: the profile again, with the reason by the note and the text kept.
      if (err instanceof AppError && err.code === 'BAD_REQUEST') return renderProfile(c, contact, { noteError: err.message, noteDraft: form.html }, 422);
      throw err;
    }
  },
);

async function loadNote(contactId: string, noteId: string) {
  const note = Types.ObjectId.isValid(noteId) ? await findNote(new Types.ObjectId(noteId)) : null;
  if (!note || String(note.contactId) !== contactId) throw new AppError('NOT_FOUND', 'No such note.');
  return note;
}

noteRoutes.get('/:noteId/edit', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const note = await loadNote(String(contact._id), c.req.param('noteId'));
  return render(c, 'notes/edit-page', { title: 'Edit note', contact, note });
});

/** Saves a new version; the previous one is kept in the note's history. */
noteRoutes.post('/:noteId', validForm(editNoteForm, neverInvalid), async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const note = await loadNote(String(contact._id), c.req.param('noteId'));
  await editNote({ note, html: c.req.valid('form').html, actor: c.get('user')! });
  return c.redirect(`/contacts/${contact._id}#note-${note._id}`, 303);
});
