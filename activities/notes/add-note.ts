import { auditOnce, type Actor } from '../../db/audit';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import type { Types } from 'mongoose';
import type { ContactDoc, NoteDoc } from '../../db/models/index';
import { findNote, insertNote } from '../../db/notes/notes';
import { AppError } from '../../domain/app-error';
import { hasVisibleText, NOTE_MAX_CHARS, sanitizeNoteHtml } from '../../domain/notes/sanitize-note-html';
import type { Storage } from '../../storage/storage';
import { deleteDocument } from '../documents/delete-document';
import { storeUploads } from '../documents/store-uploads';

/**
 * A note on a contact: its HTML sanitized, its attachments checked and
 * stored as the contact's documents. A note with a rejected attachment is
 * not saved, so nothing is half there.
 *
 * `key` is the id the form chose for the note: the same form sent again
 * finds its note there and adds nothing (not a second note, not its
 * attachments again), and finishes what a request cut off after the insert
 * left undone (the profile's link, the audit event, both written once).
 */
export async function addNote(o: { contact: ContactDoc; key?: Types.ObjectId; html: string; files: File[]; actor: Actor; storage: Storage; maxBytes: number }): Promise<NoteDoc> {
  const sent = o.key ? await findNote(o.key) : null;
  // A key that names someone else's note (a forged form) is not this form's: the note gets an id of its own.
  const key = sent && (String(sent.contactId) !== String(o.contact._id) || String(sent.authorId) !== String(o.actor.id)) ? undefined : o.key;
  if (sent && key) return recorded(sent, o.actor);
  const html = sanitizeNoteHtml(o.html);
  if (!hasVisibleText(html) && o.files.length === 0) throw new AppError('BAD_REQUEST', 'Write something in the note (or attach a file) before adding it.');
  if (html.length > NOTE_MAX_CHARS) throw new AppError('BAD_REQUEST', `A note can hold at most ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters.`);
  const { stored, rejected } = await storeUploads({ files: o.files, contactId: o.contact._id, actor: o.actor, storage: o.storage, maxBytes: o.maxBytes });
  if (rejected.length) throw new AppError('BAD_REQUEST', `Not attached: ${rejected.map((r) => `${r.name} (${r.reason})`).join('; ')}. The note was not saved.`);
  const note = await insertNote({ _id: key, contactId: o.contact._id, html: html || '<p>(attachments)</p>', attachmentIds: stored.map((d) => d._id), authorId: o.actor.id, authorName: o.actor.name });
  // The same form sent twice at once: the other request's note won, with its own copies of the files; these go again.
  const kept = new Set(note.attachmentIds.map(String));
  for (const document of stored) if (!kept.has(String(document._id))) await deleteDocument({ document, actor: o.actor, storage: o.storage });
  return recorded(note, o.actor);
}

/** The note on the contact's profile and in the audit log; both are writes that a second time leave alone. */
async function recorded(note: NoteDoc, actor: Actor): Promise<NoteDoc> {
  await addLinkedRecords('note', note.contactId, [{ id: note._id, at: note.createdAt }]);
  await auditOnce(note._id, actor, 'note.create', { type: 'Note', id: note._id }, { contactId: String(note.contactId), attachments: note.attachmentIds.length }, note.createdAt);
  return note;
}
