// The one registry of collections that point at a contact. Merging, unmerging,
// deleting and "everything about this contact" features walk this list, so a
// new feature that links to contacts (portal links, tasks, appointments)
// registers here and is handled everywhere at once.
export type ContactLink = {
  collection: string;
  /** Path of the field holding the contact id. */
  field: string;
  /** true when the field is inside an array of sub-documents (e.g. case links). */
  inArray?: boolean;
};

export const contactLinks: readonly ContactLink[] = [
  { collection: 'cases', field: 'contacts.contactId', inArray: true },
  { collection: 'messages', field: 'contactId' },
  { collection: 'notes', field: 'contactId' },
  { collection: 'documents', field: 'contactId' },
];
