import { Types } from 'mongoose';
import { findContact } from '../../db/contacts/contacts';
import type { ContactDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';

/**
 * The contact named in the URL, or a 404 that says so. A contact merged into
 * another is a tombstone: only its profile address still answers (with a
 * redirect); editing it or linking to it is refused with where it went.
 */
export async function loadContact(id: string, o: { allowMerged?: boolean } = {}): Promise<ContactDoc> {
  if (!Types.ObjectId.isValid(id)) throw new AppError('NOT_FOUND', 'There is no contact at this address.');
  const contact = await findContact(new Types.ObjectId(id));
  if (!contact) throw new AppError('NOT_FOUND', 'There is no contact at this address. It may have been deleted.');
  if (contact.mergedInto && !o.allowMerged) throw new AppError('CONFLICT', `This contact was merged into another one. Open /contacts/${contact.mergedInto} instead.`);
  return contact;
}
