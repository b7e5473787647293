import { Types } from 'mongoose';
import { Contact, type ContactDoc } from '../../db/models/index';
import { AppError } from '../app-error';

/** The contact named in the URL, or a 404 that says so. */
export async function loadContact(id: string): Promise<ContactDoc> {
  if (!Types.ObjectId.isValid(id)) throw new AppError('NOT_FOUND', 'There is no contact at this address.');
  const contact = await Contact.findOne({ _id: new Types.ObjectId(id) }).lean<ContactDoc>();
  if (!contact) throw new AppError('NOT_FOUND', 'There is no contact at this address. It may have been deleted.');
  return contact;
}
