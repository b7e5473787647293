// Who may do what in the staff dashboard: the one table the permission
// middleware (web/auth/require-permission.ts) and the pages' buttons read.
// Two roles: staff do the firm's daily work on contacts, cases and
// duplicates; administrators also do what touches every contact at once,
// what cannot be taken back by the person who did it, and who has access.
import type { StaffRole } from './staff-role';

export const PERMISSIONS = {
  'records.read': { label: 'see contacts, cases, profiles, notes, documents and duplicates', roles: ['admin', 'staff'] },
  'records.write': { label: 'add and change contacts, notes, documents, messages and case links', roles: ['admin', 'staff'] },
  'messages.send': { label: 'write emails and texts to contacts', roles: ['admin', 'staff'] },
  'portal.share': { label: 'share, extend and revoke client portal links', roles: ['admin', 'staff'] },
  'forms.build': { label: 'build and edit form templates', roles: ['admin', 'staff'] },
  'duplicates.resolve': { label: 'merge and unmerge contacts, dismiss duplicate suggestions', roles: ['admin', 'staff'] },
  'contacts.export-filtered': { label: 'export a searched or filtered contact list', roles: ['admin', 'staff'] },
  'contacts.export-all': { label: 'export all contacts (no search or filter)', roles: ['admin'] },
  'imports.run': { label: 'import contacts from a file, and undo their own imports', roles: ['admin', 'staff'] },
  'imports.undo-any': { label: "undo another staff member's import", roles: ['admin'] },
  'sweeps.run': { label: 'run a duplicate sweep that only suggests', roles: ['admin', 'staff'] },
  'sweeps.auto-merge': { label: 'run a full sweep that merges automatically (DEDUPE_AUTO_MERGE_ABOVE set)', roles: ['admin'] },
  'schedules.change': { label: 'change, pause or run the nightly sweep schedule', roles: ['admin'] },
  'staff.manage': { label: 'add staff, change roles, disable and enable staff users', roles: ['admin'] },
  'demo-data.load': { label: 'load demo data', roles: ['admin'] },
  'outbox.view': { label: 'see every captured email and text on the Outbox page (development only)', roles: ['admin'] },
} as const satisfies Record<string, { label: string; roles: readonly StaffRole[] }>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly StaffRole[]).includes(role);
}

/** The refusal a person reads: what they tried, and who can do it. */
export function refusal(permission: Permission): string {
  return `Only administrators can ${PERMISSIONS[permission].label}. Ask an administrator if you need this done.`;
}
