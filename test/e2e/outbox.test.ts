import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { Contact } from '../../db/models/index';
import { dataDir } from '../../scripts/services/paths';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { zoneWhereItIsNow } from '../support/outbox-rig';

// A newcomer writes to a contact from the profile by text and by email, finds both on the Outbox page, answers the
// text with STOP as the contact would, and sees the contact's SMS preference change (issue #17).
describe('Email and SMS from a profile, in Chromium', () => {
  let dashboard: Dashboard;
  let page: Page;
  let profileUrl: string;
  const shots = join(dataDir, 'screenshots');

  beforeAll(async () => {
    dashboard = await openDashboard('outbox_browser', { outbox: true });
    const created = await createContact({
      input: { firstName: 'Priya', lastName: 'Nair', phones: [{ raw: '(720) 555-0142', type: 'mobile', primary: true }], emails: [{ address: 'priya.nair@example.com', primary: true }], timezone: zoneWhereItIsNow(14), preferences: { channel: 'sms' } },
      actor: { id: undefined as never, name: 'Test' },
      region: 'US',
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    profileUrl = `${dashboard.web.url}/contacts/${created.contact._id}`;
    page = await (await dashboard.browser.newContext()).newPage();
    await logIn(page, dashboard.web.url);
    mkdirSync(shots, { recursive: true });
  });
  afterAll(() => dashboard?.close());

  it('sends a text and an email, shows both delivered, and a STOP reply turns texts off', async () => {
    await page.goto(profileUrl);
    // The preferred channel is chosen; the message goes out and its status follows the provider's webhooks.
    expect(await page.getByLabel('Text (SMS) (preferred)').isChecked()).toBe(true);
    await page.getByLabel('Message', { exact: true }).fill('Your hearing is on Monday at 9 am.');
    await page.getByRole('button', { name: 'Send text' }).click();
    await expect.poll(() => page.getByTestId('message-queued').textContent()).toContain('Text queued');
    const text = page.locator('#messages li', { hasText: 'Your hearing is on Monday' });
    await expect.poll(() => text.getByTestId('message-status').textContent(), { timeout: 20_000 }).toBe('Delivered');

    await page.getByRole('radio', { name: /^Email/ }).check();
    await page.getByLabel('Subject', { exact: true }).waitFor();
    await page.getByLabel('Subject', { exact: true }).fill('Documents for Monday');
    await page.getByLabel('Message', { exact: true }).fill('Please bring your ID.\n\nThank you.');
    await page.getByRole('button', { name: 'Send email' }).click();
    const email = page.locator('#messages li', { hasText: 'Documents for Monday' });
    await expect.poll(() => email.getByTestId('message-status').textContent(), { timeout: 20_000 }).toBe('Delivered');
    await page.screenshot({ path: join(shots, 'profile-messages.png'), fullPage: true });

    // The Outbox page shows what the providers received, with Casebook's status beside each.
    await page.goto(`${dashboard.web.url}/admin/outbox`);
    const capturedText = page.getByTestId('captured-sms').filter({ hasText: 'Your hearing is on Monday' });
    const capturedEmail = page.getByTestId('captured-email').filter({ hasText: 'Documents for Monday' });
    expect(await capturedText.getByTestId('outbox-status').textContent()).toBe('Delivered');
    expect(await capturedEmail.getByTestId('outbox-status').textContent()).toBe('Delivered');
    await page.screenshot({ path: join(shots, 'outbox-page.png'), fullPage: true });

    // The contact answers STOP.
    await capturedText.getByLabel('Reply as the recipient').fill('STOP');
    await capturedText.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.getByTestId('outbox-notice').textContent()).toContain('Casebook took it');

    await page.goto(profileUrl);
    expect(await page.locator('#details').textContent()).toContain('Do not contact by sms');
    expect(await page.getByRole('radio', { name: /^Text \(SMS\)/ }).isDisabled()).toBe(true);
    expect(await page.getByTestId('blocked-sms').textContent()).toBe('The contact asked not to be texted.');
    expect(await page.getByRole('radio', { name: /^Email/ }).isChecked()).toBe(true);
    expect(await page.locator('#messages li.inbound').first().textContent()).toContain('STOP');
    const contact = await Contact.findOne({ 'emails.address': 'priya.nair@example.com' }).lean();
    expect(contact!.preferences!.doNotContact!.sms).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, 'phone-profile-messages.png'), fullPage: true });
  });
});
