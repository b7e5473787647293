import mongoose from 'mongoose';
import { typedCollection } from '../typed-collection';

/** Per-contact lists of linked record keys (and merge histories); see db/contacts/contact-links.ts. */
const linkListSchema = new mongoose.Schema({ _id: String, keys: { type: [String], default: [] } }, { collection: 'contact_link_lists', versionKey: false });
export const LinkList = mongoose.model('LinkList', linkListSchema);

export type LinkListDoc = { _id: string; keys: string[] };
export const linkListCollection = typedCollection<LinkListDoc>(LinkList);
