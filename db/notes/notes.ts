import type { Types } from 'mongoose';
import { findByIds, linkedRecords } from '../contacts/contact-links';
import { Note, type NoteDoc } from '../models/index';

/** A contact's notes, newest first, from its link list. */
export async function notesOfContact(contactId: Types.ObjectId, limit = 100): Promise<NoteDoc[]> {
  const page = await linkedRecords('note', contactId, { limit });
  return findByIds<NoteDoc>(Note, page.refs.map((r) => r.id));
}

export async function findNote(id: Types.ObjectId): Promise<NoteDoc | null> {
  return Note.findOne({ _id: id }).lean<NoteDoc>();
}

/** Inserts a note; under an id given in advance, a second insert (the same form sent twice at once) gets the first one's note. */
export async function insertNote(note: Pick<NoteDoc, 'contactId' | 'html' | 'attachmentIds' | 'authorId' | 'authorName'> & { _id?: Types.ObjectId }): Promise<NoteDoc> {
  const { _id, ...fields } = note;
  try {
    return (await Note.create(_id ? { _id, ...fields } : fields)).toObject() as NoteDoc;
  } catch (err) {
    const existing = _id && (err as { code?: number }).code === 11000 ? await findNote(_id) : null;
    if (!existing) throw err;
    return existing;
  }
}

/** Saves a new version of a note, keeping the one it replaces in its history. */
export async function saveNoteVersion(note: NoteDoc, html: string, editedBy: Types.ObjectId): Promise<void> {
  await Note.updateOne({ _id: note._id }, { $set: { html }, $push: { history: { html: note.html, editedAt: new Date(), editedBy } } });
}
