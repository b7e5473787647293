import { audit, type Actor } from '../../db/audit';
import type { NoteDoc } from '../../db/models/index';
import { saveNoteVersion } from '../../db/notes/notes';
import { AppError } from '../../domain/app-error';
import { hasVisibleText, sanitizeNoteHtml } from '../../domain/notes/sanitize-note-html';

/** Saves a new version of a note (sanitized); the previous one is kept in its history. An unchanged note writes nothing. */
export async function editNote(o: { note: NoteDoc; html: string; actor: Actor }): Promise<void> {
  const html = sanitizeNoteHtml(o.html);
  if (!hasVisibleText(html)) throw new AppError('BAD_REQUEST', 'A note cannot be empty.');
  if (html === o.note.html) return;
  await saveNoteVersion(o.note, html, o.actor.id);
  await audit(o.actor, 'note.edit', { type: 'Note', id: o.note._id }, { contactId: String(o.note.contactId) });
}
