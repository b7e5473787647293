// The one place the dashboard decides whether a signed-in staff member may
// make a request: each request is matched to a permission of the table in
// domain/auth/permissions.ts, first matching rule wins; a request no rule
// names needs records.read to look and records.write to change anything.
// Routes never check roles themselves; pages ask `can` only to hide buttons.
import type { Context, MiddlewareHandler } from 'hono';
import { importCreatedBy } from '../../db/imports/import-jobs';
import { can, refusal, type Permission } from '../../domain/auth/permissions';
import { AppError } from '../../domain/app-error';
import { config } from '../../config/config';
import type { AppEnv } from '../env';
import { LIST_FILTER_KEYS } from '../contacts/contacts.schemas';

type Rule = { methods: readonly string[] | '*'; path: RegExp; permission: Permission | null | ((c: Context<AppEnv>) => Permission | Promise<Permission>) };

const ANY = '*';
const CHANGE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const ID = '[^/]+';

export const PERMISSION_RULES: readonly Rule[] = [
  // Signing out is always allowed.
  { methods: ANY, path: /^\/logout$/, permission: null },
  // Everyone sets their own settings.
  { methods: ANY, path: /^\/account(\/|$)/, permission: null },
  { methods: ANY, path: /^\/admin\/dedupe-schedule(\/|$)/, permission: 'schedules.change' },
  { methods: ANY, path: /^\/admin\/demo-data(\/|$)/, permission: 'demo-data.load' },
  { methods: ANY, path: /^\/admin\/outbox(\/|$)/, permission: 'outbox.view' },
  // Form templates live under Admin, but every staff member builds them (a case's Forms tab links here).
  { methods: ANY, path: /^\/admin\/forms(\/|$)/, permission: 'forms.build' },
  { methods: ANY, path: /^\/admin(\/|$)/, permission: 'staff.manage' },
  { methods: CHANGE, path: new RegExp(`^/contacts/${ID}/messages$`), permission: 'messages.send' },
  // The client portal: sharing a link sends a message; answering on a case's portal thread writes to the client.
  { methods: CHANGE, path: new RegExp(`^/contacts/${ID}/portal-links(/|$)`), permission: 'portal.share' },
  { methods: CHANGE, path: new RegExp(`^/portal-links/${ID}/(revoke|extend)$`), permission: 'portal.share' },
  { methods: CHANGE, path: new RegExp(`^/cases/${ID}/portal-messages/${ID}$`), permission: 'messages.send' },
  // An intake form goes out as an email or a text to someone new.
  { methods: CHANGE, path: new RegExp(`^/cases/${ID}/forms/intake$`), permission: 'messages.send' },
  // Download All reads documents: whoever may see them may bundle them, cancel or revoke a bundle.
  { methods: CHANGE, path: new RegExp(`^/(contacts|cases)/${ID}/bundles$`), permission: 'records.read' },
  { methods: CHANGE, path: new RegExp(`^/bundles/${ID}/(cancel|revoke)$`), permission: 'records.read' },
  // A sweep that may merge by itself is an administrator's call; one that only suggests is anyone's.
  { methods: ['POST'], path: /^\/duplicates\/sweep$/, permission: () => sweepPermission() },
  { methods: CHANGE, path: new RegExp(`^/duplicates/${ID}/(not-duplicate|skip)$`), permission: 'duplicates.resolve' },
  { methods: CHANGE, path: new RegExp(`^/contacts/${ID}/(merge|not-duplicate/${ID})$`), permission: 'duplicates.resolve' },
  { methods: CHANGE, path: new RegExp(`^/merges/${ID}/unmerge$`), permission: 'duplicates.resolve' },
  // Everyone, or a chosen part: the filters are those the export itself applies (a refused filter exports nobody less).
  { methods: ['GET'], path: /^\/contacts\/export\/download$/, permission: (c) => (hasListFilter(c) ? 'contacts.export-filtered' : 'contacts.export-all') },
  // Undoing one's own import is part of importing; undoing someone else's is not.
  { methods: CHANGE, path: new RegExp(`^/settings/import/${ID}/undo$`), permission: async (c) => ((await importCreatedBy(c.req.path.split('/')[3]!)) === String(c.get('user')!.id) ? 'imports.run' : 'imports.undo-any') },
  { methods: CHANGE, path: /^\/settings\/import(\/|$)/, permission: 'imports.run' },
];

/** What starting a sweep from the dashboard takes: it merges by itself when DEDUPE_AUTO_MERGE_ABOVE is set. */
export function sweepPermission(): Permission {
  return config.DEDUPE_AUTO_MERGE_ABOVE ? 'sweeps.auto-merge' : 'sweeps.run';
}

/** Whether the export asks for part of the list: any filter given, a refused one included (the export route refuses it). */
function hasListFilter(c: Context<AppEnv>): boolean {
  const raw = c.req.query();
  return LIST_FILTER_KEYS.some((key) => Boolean(raw[key]?.trim()));
}

/** The permission a request needs (null: none beyond being signed in). */
export async function permissionFor(c: Context<AppEnv>): Promise<Permission | null> {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const rule = PERMISSION_RULES.find((r) => (r.methods === ANY || r.methods.includes(method)) && r.path.test(c.req.path));
  if (rule) return typeof rule.permission === 'function' ? rule.permission(c) : rule.permission;
  return CHANGE.includes(method) ? 'records.write' : 'records.read';
}

export const requirePermission: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  // Public pages (login, health, assets) have no user; requireSession, in front, has turned everything else away.
  if (!user) return next();
  const permission = await permissionFor(c);
  if (permission && !can(user.role, permission)) throw new AppError('FORBIDDEN', refusal(permission));
  return next();
};
