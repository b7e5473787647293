import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createStaffUser } from '../activities/admin/create-staff-user';
import { findStaffUserByEmail } from '../db/admin/staff-users';

export type AdminLogin = { email: string; password?: string; created: boolean };

/**
 * Makes sure the first admin exists. ADMIN_EMAIL/ADMIN_PASSWORD choose the
 * login; without them a demo admin gets a random password, kept in a
 * private file under .data/ so every start can print it again.
 */
export async function ensureAdmin(options: { email?: string; password?: string; demoLoginFile: string }): Promise<AdminLogin> {
  const email = (options.email ?? 'admin@casebook.local').toLowerCase();
  if (await findStaffUserByEmail(email)) {
    const password = options.password ?? (existsSync(options.demoLoginFile) ? readFileSync(options.demoLoginFile, 'utf8').trim() : undefined);
    return { email, password, created: false };
  }
  const password = options.password ?? randomBytes(9).toString('base64url');
  await createStaffUser({ name: options.email ? 'Administrator' : 'Demo Admin', email, role: 'admin', password });
  if (!options.password) {
    mkdirSync(dirname(options.demoLoginFile), { recursive: true });
    writeFileSync(options.demoLoginFile, password, { mode: 0o600 });
  }
  return { email, password, created: true };
}
