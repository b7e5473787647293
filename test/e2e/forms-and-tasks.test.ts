import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { Case, Contact, Task, type TaskDoc } from '../../db/models/index';
import { dataDir } from '../../scripts/services/paths';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { eventually, zoneWhereItIsNow } from '../support/outbox-rig';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// Issue #20's journey, as a new user would take it: staff build a form with a conditional field and a signature,
// share it by email, the client fills half on a phone, leaves, opens the link again and finds the answers kept,
// signs and submits; staff accept the phone change and reject the address; the PDF is in the documents; a client
// task with a file is completed from the portal.
describe('Forms and tasks, in Chromium (phone and dashboard)', () => {
  let dashboard: Dashboard;
  let staff: Page;
  let contactId = '';
  let caseId = '';
  const shots = join(dataDir, 'screenshots');
  const shoot = (p: Page, name: string) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const fitsThePhone = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** The newest portal link emailed to the client, from the Outbox page. */
  async function emailedLink(before: string[] = []): Promise<string> {
    return eventually(async () => {
      await staff.goto(`${dashboard.web.url}/admin/outbox`);
      const hrefs = await staff.getByTestId('captured-email').locator('a[href*="/portal/link/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      return hrefs.find((h) => !before.includes(h));
    }, 'the emailed portal link');
  }
  async function openLink(url: string): Promise<Page> {
    const phone = await (await dashboard.browser.newContext(PHONE)).newPage();
    await phone.goto(url);
    await phone.getByTestId('portal-continue').click();
    await phone.waitForURL(/\/portal$/);
    return phone;
  }

  beforeAll(async () => {
    dashboard = await openDashboard('forms_browser', { outbox: true });
    const actor = { id: undefined as never, name: 'Test' };
    const created = await createContact({ input: { firstName: 'Iris', lastName: 'Moreno', phones: [{ raw: '+13035550177', type: 'mobile', primary: true }], emails: [{ address: 'iris@example.com', primary: true }], address: { street: '4 Elm Street', city: 'Denver' }, preferences: { channel: 'email' }, timezone: zoneWhereItIsNow(14) }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    contactId = String(created.contact._id);
    const kase = await Case.create({ number: '2026-000920', title: 'Moreno v. Driver' });
    caseId = String(kase._id);
    await linkContactToCase({ caseId: kase._id, contactId: created.contact._id, role: 'client', actor });
    staff = await (await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(staff, dashboard.web.url);
    mkdirSync(shots, { recursive: true });
  });
  afterAll(() => dashboard?.close());

  it('staff build and share a form; the client fills half on the phone, comes back to the answers kept, signs and sends; staff review the changes', async () => {
    // The builder: rows of plain inputs, three at a time.
    await staff.goto(`${dashboard.web.url}/admin`);
    await staff.getByRole('link', { name: 'Build and edit form templates' }).click();
    await staff.getByTestId('new-form-template').click();
    await staff.getByLabel('Name').fill('Accident questionnaire');
    const row = (i: number) => staff.getByTestId('builder-row').nth(i);
    const field = async (i: number, o: { type: string; label: string; required?: boolean; mapsTo?: string; showIf?: [string, string] }) => {
      await row(i).getByLabel('Type', { exact: true }).selectOption(o.type);
      await row(i).getByLabel('Label', { exact: true }).fill(o.label);
      if (o.required) await row(i).getByLabel('Required').check();
      if (o.mapsTo) await row(i).getByLabel('Fills contact field').selectOption(o.mapsTo);
      if (o.showIf) {
        await row(i).getByLabel('Show only if field (label or key)').fill(o.showIf[0]);
        await row(i).getByLabel('has the answer').fill(o.showIf[1]);
      }
    };
    await field(0, { type: 'phone', label: 'Mobile phone', required: true, mapsTo: 'phone' });
    await field(1, { type: 'address', label: 'Home address', mapsTo: 'address' });
    await field(2, { type: 'yes-no', label: 'Were you injured?', required: true });
    await staff.getByTestId('form-template-add-fields').click();
    await field(3, { type: 'long-text', label: 'Describe your injuries', required: true, showIf: ['Were you injured?', 'yes'] });
    await field(4, { type: 'signature', label: 'Your signature', required: true });
    await staff.getByTestId('form-template-save').click();
    await staff.getByTestId('form-template-saved').waitFor();
    await shoot(staff, 'form-builder');

    // Sent from the case's Forms tab, then Share Link by email.
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=forms`);
    await staff.getByLabel('Form', { exact: true }).selectOption({ label: 'Accident questionnaire (version 1)' });
    await staff.getByTestId('send-form-submit').click();
    await staff.getByTestId('share-form').waitFor();
    await staff.getByTestId('share-channel-email').check();
    await staff.getByTestId('share-send').click();
    await staff.getByTestId('shared-banner').waitFor();
    const link = await emailedLink();

    // The client's phone: half the form, saved as typed, then the page is left.
    const phone = await openLink(link);
    await phone.getByTestId('portal-form-open').click();
    await phone.getByLabel('Mobile phone').fill('(303) 555-0188');
    expect(await phone.getByLabel('Describe your injuries').isVisible()).toBe(false); // shown only for "yes"
    await phone.getByLabel('Yes').check();
    await phone.getByLabel('Describe your injuries').fill('A sprained wrist.');
    await phone.getByText('Saved', { exact: true }).waitFor();
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-form-half');
    await phone.context().close();

    // Another device opens the same link: the answers are there. The rest, a signature drawn with the finger, and send.
    const again = await openLink(link);
    await again.getByTestId('portal-form-open').click();
    expect(await again.getByLabel('Mobile phone').inputValue()).toBe('(303) 555-0188');
    expect(await again.getByLabel('Describe your injuries').inputValue()).toBe('A sprained wrist.');
    await again.getByLabel('Street and number').fill('77 Pine Road');
    await again.getByLabel('City').fill('Boulder');
    await again.locator('[data-signature] canvas').scrollIntoViewIfNeeded();
    const pad = await again.locator('[data-signature] canvas').boundingBox();
    await again.mouse.move(pad!.x + 20, pad!.y + 80);
    await again.mouse.down();
    for (let x = 30; x < 250; x += 20) await again.mouse.move(pad!.x + x, pad!.y + 60 + (x % 40));
    await again.mouse.up();
    await again.getByTestId('portal-form-submit').click();
    await again.getByTestId('portal-form-sent').waitFor();
    await shoot(again, 'phone-form-sent');

    // Staff: accept the phone, reject the address; the PDF is in the documents.
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=forms`);
    await staff.getByTestId('case-form').getByRole('link', { name: 'Review' }).click();
    await staff.getByLabel(/Accept Primary phone/).check();
    await staff.getByLabel(/Reject Address/).check();
    await shoot(staff, 'form-review');
    await staff.getByTestId('form-changes-save').click();
    await staff.getByTestId('form-review-notice').waitFor();
    const contact = (await Contact.findById(contactId).lean())!;
    expect(contact.phones.find((p) => p.primary)!.e164).toBe('+13035550188');
    expect(contact.address).toMatchObject({ street: '4 Elm Street', city: 'Denver' });
    await eventually(async () => {
      await staff.reload();
      return (await staff.getByTestId('form-pdf').count()) > 0;
    }, 'the PDF of the form');
    await staff.goto(`${dashboard.web.url}/contacts/${contactId}`);
    expect(await staff.getByTestId('document-link').filter({ hasText: 'Accident questionnaire (submitted' }).count()).toBe(1);
  });

  it('a client task that asks for a file is done from the portal, and staff see who did it', async () => {
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=tasks`);
    await staff.getByLabel('Title').fill('Upload your insurance card');
    await staff.getByLabel('The client answers by sending a file').check();
    await staff.getByTestId('task-save').click();
    await staff.getByTestId('tasks-saved').waitFor();
    const before = await staff.goto(`${dashboard.web.url}/admin/outbox`).then(() => staff.getByTestId('captured-email').locator('a[href*="/portal/link/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)));
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=tasks`);
    await staff.getByTestId('tasks-share-link').click();
    await staff.getByTestId('share-channel-email').check();
    await staff.getByTestId('share-send').click();
    await staff.getByTestId('shared-banner').waitFor();
    const phone = await openLink(await emailedLink(before));
    const task = phone.getByTestId('portal-task').filter({ hasText: 'Upload your insurance card' });
    await task.locator('input[type=file]').setInputFiles([{ name: 'insurance card.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await task.getByTestId('portal-task-send').click();
    await phone.getByTestId('portal-task-thanks').waitFor();
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-task-done');
    const stored = (await Task.findOne({ title: 'Upload your insurance card' }).lean<TaskDoc>())!;
    expect(stored.doneBy).toMatchObject({ kind: 'client', name: 'Iris Moreno' });
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=tasks`);
    expect(await staff.getByTestId('case-task-done').filter({ hasText: 'Upload your insurance card' }).getByTestId('task-done-by').textContent()).toBe('Iris Moreno (client)');
    expect(await staff.getByTestId('task-file').first().textContent()).toBe('insurance card.pdf');
  });

  it('an intake form sent to someone new comes back, finds no existing contact, and creates one linked to the case', async () => {
    await staff.goto(`${dashboard.web.url}/admin/forms/new`);
    await staff.getByLabel('Name', { exact: true }).fill('New client intake');
    await staff.getByLabel('Intake form').check();
    const row = (i: number) => staff.getByTestId('builder-row').nth(i);
    for (const [i, [label, type, mapsTo]] of ([['First name', 'short-text', 'firstName'], ['Last name', 'short-text', 'lastName'], ['Mobile phone', 'phone', 'phone']] as const).entries()) {
      await row(i).getByLabel('Type', { exact: true }).selectOption(type);
      await row(i).getByLabel('Label', { exact: true }).fill(label);
      await row(i).getByLabel('Required').check();
      await row(i).getByLabel('Fills contact field').selectOption(mapsTo);
    }
    await staff.getByTestId('form-template-save').click();
    await staff.getByTestId('form-template-saved').waitFor();
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=forms`);
    await staff.getByLabel('Their name').fill('Omar');
    await staff.getByLabel('Email address or mobile number').fill('omar.new@example.com');
    await staff.getByTestId('send-intake-submit').click();
    await staff.getByRole('status').filter({ hasText: 'Intake form sent' }).waitFor();
    const link = await eventually(async () => {
      await staff.goto(`${dashboard.web.url}/admin/outbox`);
      const hrefs = await staff.getByTestId('captured-email').locator('a[href*="/portal/intake/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      return hrefs[0];
    }, 'the intake email');
    const phone = await (await dashboard.browser.newContext(PHONE)).newPage();
    await phone.goto(link);
    await phone.getByLabel('First name').fill('Omar');
    await phone.getByLabel('Last name').fill('Haddad');
    await phone.getByLabel('Mobile phone').fill('(720) 555-0142');
    await phone.getByTestId('portal-form-submit').click();
    await phone.getByTestId('portal-form-sent').waitFor();
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-intake-sent');
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=forms`);
    await staff.getByTestId('case-form').filter({ hasText: 'New client intake' }).getByRole('link', { name: 'Review' }).click();
    await staff.getByTestId('intake-no-matches').waitFor();
    await shoot(staff, 'intake-review');
    await staff.getByTestId('intake-resolve').click();
    await staff.getByTestId('intake-settled').waitFor();
    const created = (await Contact.findOne({ lastName: 'Haddad' }).lean())!;
    expect(created.firstName).toBe('Omar');
    await staff.goto(`${dashboard.web.url}/cases/${caseId}`);
    expect(await staff.getByTestId('case-contact').filter({ hasText: 'Omar Haddad' }).count()).toBe(1);
  });
});
