import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { hashPassword } from '../../activities/auth/password';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { StaffUser } from '../../db/models/index';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';

// A staff member (not an admin) in Chromium: what the permission table lets them see and do, and what an
// administrator disabling them does to the page they have open.
describe('a staff member in Chromium', () => {
  const STAFF = { email: 'sam@test.local', password: 'staff member password', name: 'Sam Staff' };
  let dashboard: Dashboard;
  let staff: Page;
  let admin: Page;

  beforeAll(async () => {
    dashboard = await openDashboard('staff_role');
    await StaffUser.create({ name: STAFF.name, email: STAFF.email, role: 'staff', passwordHash: await hashPassword(STAFF.password) });
    const created = await createContact({ input: { firstName: 'Ada', lastName: 'Lovelace' }, actor: { id: (await StaffUser.findOne({ role: 'admin' }))!._id, name: 'Test' }, region: 'US' });
    if (created.ok) await recordContactChanges([created.contact._id]);
    staff = await (await dashboard.browser.newContext()).newPage();
    admin = await (await dashboard.browser.newContext()).newPage();
    await logIn(staff, dashboard.web.url, STAFF);
    await logIn(admin, dashboard.web.url);
  });
  afterAll(() => dashboard?.close());

  it('sees no Admin, and is told why when opening it anyway', async () => {
    await expect.poll(() => staff.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Contacts', 'Cases', 'Tasks', 'Duplicates', 'Client activity', 'Settings']);
    await staff.goto(`${dashboard.web.url}/admin`);
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    expect(await staff.getByRole('alert').textContent()).toContain('Only administrators can add staff');
  });

  it('exports a searched list, and is told that exporting everyone is for administrators', async () => {
    await staff.goto(`${dashboard.web.url}/contacts/export`);
    expect(await staff.getByTestId('export-all-refused').textContent()).toContain('Exporting every contact is for administrators');
    expect(await staff.getByTestId('export-download').count()).toBe(0);
    await staff.goto(`${dashboard.web.url}/contacts/export?q=Ada`);
    expect(await staff.getByTestId('export-total').textContent()).toBe('1');
    expect(await staff.getByTestId('export-download').isVisible()).toBe(true);
  });

  it('is signed out at the next click when an administrator disables them', async () => {
    await staff.goto(`${dashboard.web.url}/contacts`);
    await admin.goto(`${dashboard.web.url}/admin`);
    await admin.getByRole('button', { name: `Disable ${STAFF.name}` }).click();
    expect(await admin.getByRole('status').first().textContent()).toContain('Their open sessions have ended');
    await staff.getByRole('link', { name: 'Cases' }).click();
    await staff.waitForURL((u) => u.pathname === '/login');
    await staff.getByLabel('Email').fill(STAFF.email);
    await staff.getByLabel('Password').fill(STAFF.password);
    await staff.getByRole('button', { name: 'Log in' }).click();
    expect(await staff.getByRole('alert').first().textContent()).toMatch(/email or password/i);
  });
});
