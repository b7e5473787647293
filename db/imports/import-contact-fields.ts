/** The contact fields an import reads to update or merge a duplicate. */
export const IMPORT_PROJECTION = { firstName: 1, middleName: 1, lastName: 1, preferredName: 1, dateOfBirth: 1, timezone: 1, address: 1, phones: 1, emails: 1, tags: 1, importConflicts: 1, mergedInto: 1, updatedAt: 1 } as const;
