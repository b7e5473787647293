/** What a case can be, and the roles a contact can have on one. */
export const CASE_STATUSES = ['open', 'pending', 'closed'] as const;
export const CASE_ROLES = ['client', 'opposing party', 'witness', 'co-counsel', 'expert', 'other'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CaseRole = (typeof CASE_ROLES)[number];
