import { audit, type Actor } from '../../db/audit';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import type { ContactDoc, NoteDoc } from '../../db/models/index';
import { insertNote } from '../../db/notes/notes';
import { AppError } from '../../domain/app-error';
import { hasVisibleText, NOTE_MAX_CHARS, sanitizeNoteHtml } from '../../domain/notes/sanitize-note-html';
import type { Storage } from '../../storage/storage';
import { storeUploads } from '../documents/store-uploads';

/**
 * A note on a contact: its HTML sanitized, its attachments checked and
 * stored as the contact's documents. A note with a rejected attachment is
 * not saved, so nothing is half there.
 */
export async function addNote(o: { contact: ContactDoc; html: string; files: File[]; actor: Actor; storage: Storage; maxBytes: number }): Promise<NoteDoc> {
  const html = sanitizeNoteHtml(o.html);
  if (!hasVisibleText(html) && o.files.length === 0) throw new AppError('BAD_REQUEST', 'Write something in the note (or attach a file) before adding it.');
  if (html.length > NOTE_MAX_CHARS) throw new AppError('BAD_REQUEST', `A note can hold at most ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters.`);
  const { stored, rejected } = await storeUploads({ files: o.files, contactId: o.contact._id, actor: o.actor, storage: o.storage, maxBytes: o.maxBytes });
  if (rejected.length) throw new AppError('BAD_REQUEST', `Not attached: ${rejected.map((r) => `${r.name} (${r.reason})`).join('; ')}. The note was not saved.`);
  const note = await insertNote({ contactId: o.contact._id, html: html || '<p>(attachments)</p>', attachmentIds: stored.map((d) => d._id), authorId: o.actor.id, authorName: o.actor.name });
  await addLinkedRecords('note', o.contact._id, [{ id: note._id, at: note.createdAt }]);
  await audit(o.actor, 'note.create', { type: 'Note', id: note._id }, { contactId: String(o.contact._id), attachments: stored.length });
  return note;
}
