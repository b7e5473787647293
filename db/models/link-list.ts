import mongoose from 'mongoose';

/** Per-contact lists of linked record keys; see db/contact-links.ts. */
const linkListSchema = new mongoose.Schema({ _id: String, keys: { type: [String], default: [] } }, { collection: 'contact_link_lists', versionKey: false });
export const LinkList = mongoose.model('LinkList', linkListSchema);
