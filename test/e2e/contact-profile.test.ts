import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Case, Contact, ContactDocument, Message, Note } from '../../db/models/index';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { seedThroughWorkflow } from '../support/seed-through-workflow';
import type { TestEnv } from '../support/test-env';
import type { WebServer } from '../support/web-server';

describe('Contact profile in Chromium', () => {
  let dashboard: Dashboard;
  let env: TestEnv;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let contactUrl: string;
  const dialogs: string[] = [];
  let confirmDialogs = false; // hx-confirm prompts are accepted only where a test expects them

  beforeAll(async () => {
    dashboard = await openDashboard('contact_profile');
    ({ env, web, browser } = dashboard);
    await seedThroughWorkflow(env, 12);
    // A contact with messages and a case (demo contact 1 has both).
    const contact = await Contact.findOne({ _id: '600000010005000000000001' }).lean();
    contactUrl = `${web.url}/contacts/${contact!._id}`;
    context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
    page.on('dialog', (d) => {
      if (confirmDialogs && d.type() === 'confirm') return void d.accept();
      dialogs.push(d.message());
      void d.dismiss();
    });
    await logIn(page, web.url);
  });
  afterAll(() => dashboard?.close());

  it('shows the cases and message history the contact has', async () => {
    const id = contactUrl.split('/').pop()!;
    const [messages, cases] = await Promise.all([Message.countDocuments({ contactId: id }), Case.countDocuments({ 'contacts.contactId': id })]);
    await page.goto(contactUrl);
    const history = await page.locator('#messages').textContent();
    if (messages > 0) expect(history).toContain(`${messages} message`);
    else expect(history).toContain('No messages yet');
    expect(await page.locator('#cases ul.cases li').count()).toBe(cases);
  });

  it('inline edit shows a field error for a bad phone, then saves a good one', async () => {
    await page.goto(contactUrl);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    const phone = page.getByLabel('Phone 1');
    await phone.fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('not a possible phone number');
    expect(await page.getByLabel('Phone 1').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Phone 1').fill('+44 20 7946 0958');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#details').textContent()).toContain('Saved.');
    const saved = await Contact.findOne({ _id: contactUrl.split('/').pop() }).lean();
    expect(saved!.phones[0]!.e164).toBe('+442079460958');
    expect(saved!.phoneKeys).toContain('+442079460958');
    expect(await AuditEvent.countDocuments({ action: 'contact.update' })).toBe(1);
  });

  it('a note with bold text and a list saves and renders', async () => {
    await page.goto(contactUrl);
    const editor = page.locator('trix-editor');
    await editor.click();
    const bold = page.locator('button[data-trix-attribute="bold"]');
    await bold.click();
    await page.keyboard.type('Urgent');
    await bold.click();
    await expect.poll(() => bold.getAttribute('class')).not.toContain('trix-active');
    await page.keyboard.type(' call back <script>alert(1)</script>');
    await page.keyboard.press('Enter');
    await page.locator('button[data-trix-attribute="bullet"]').click();
    await page.keyboard.type('bring ID');
    await page.keyboard.press('Enter');
    await page.keyboard.type('sign retainer');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(/#note-/);
    const body = page.getByTestId('note-body').first();
    expect(await body.locator('strong').textContent()).toBe('Urgent');
    expect(await body.locator('ul li').allTextContents()).toEqual(['bring ID', 'sign retainer']);
    expect(await body.textContent()).toContain('<script>alert(1)</script>'); // typed text shows as text
    expect(await body.locator('script').count()).toBe(0);
    expect(await page.getByText('Tess Admin').first().isVisible()).toBe(true);
  });

  it('renders hostile HTML in a note inert', async () => {
    await page.goto(contactUrl);
    // A hand-made request, as a tampered browser would send it: the server must sanitize.
    const status = await page.evaluate(async (url) => {
      const form = new FormData();
      form.append('_csrf', JSON.parse(document.body.getAttribute('hx-headers')!)['X-CSRF-Token']);
      form.append('html', '<p>hello</p><img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">x</a>');
      const res = await fetch(`${url}/notes`, { method: 'POST', body: form });
      return res.status;
    }, contactUrl);
    expect(status).toBe(200);
    await page.goto(contactUrl);
    const stored = await Note.findOne({ html: /hello/ }).lean();
    expect(stored!.html).toBe('<p>hello</p><a rel="noopener noreferrer nofollow" target="_blank">x</a>');
    expect(await page.locator('.note-body img, .note-body script, .note-body [onerror]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('uploads a document by drag and drop and downloads it byte-identical', async () => {
    await page.goto(contactUrl);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n'), randomBytes(200_000), Buffer.from('\n%%EOF\n')]);
    const dataTransfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'Retainer agreement (signed).pdf', { type: 'application/pdf' }));
      return dt;
    }, pdf.toString('base64'));
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
    const link = page.getByTestId('document-link').filter({ hasText: 'Retainer agreement (signed).pdf' });
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('.upload-progress').textContent()).toContain('uploaded');

    const href = await page.getByRole('link', { name: 'Download Retainer agreement (signed).pdf' }).getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate((h) => { const a = document.createElement('a'); a.href = h!; document.body.appendChild(a); a.click(); }, href)]);
    const downloaded = Buffer.concat(await (async () => { const chunks: Buffer[] = []; for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer); return chunks; })());
    expect(download.suggestedFilename()).toBe('Retainer agreement (signed).pdf');
    expect(downloaded.equals(pdf)).toBe(true);
    const doc = await ContactDocument.findOne({ name: 'Retainer agreement (signed).pdf' }).lean();
    expect(doc!.mimeType).toBe('application/pdf');
  });

  it('refuses a file whose content is not an accepted type, whatever its name', async () => {
    await page.goto(contactUrl);
    await page.locator('#doc-files').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 this is really an executable') });
    await expect.poll(() => page.locator('.upload-progress').textContent(), { timeout: 20_000 }).toContain('not accepted');
    expect(await ContactDocument.countDocuments({ name: 'invoice.pdf' })).toBe(0);
    // The refusal stays through a reload of the documents region (another upload's) until it is dismissed.
    await page.locator('.upload-progress[data-upload-settled]').waitFor();
    await page.locator('#doc-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('call back on Monday') });
    await expect.poll(() => page.locator('.upload-progress').textContent(), { timeout: 20_000 }).toContain('notes.txt');
    await expect.poll(() => page.locator('.upload-progress').textContent(), { timeout: 20_000 }).toContain('uploaded');
    // The region reloaded for notes.txt (it is listed) and put its progress lines back.
    await page.getByTestId('document-link').filter({ hasText: 'notes.txt' }).waitFor();
    await page.locator('.upload-progress[data-upload-settled]').waitFor();
    const refusal = page.getByTestId('upload-refused');
    expect(await refusal.textContent()).toContain('invoice.pdf');
    await refusal.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByTestId('upload-refused').count()).toBe(0);
  });

  it('deletes a document with an audit event', async () => {
    await page.goto(contactUrl);
    confirmDialogs = true;
    await page.getByRole('button', { name: 'Delete Retainer agreement (signed).pdf' }).click();
    await expect.poll(() => page.locator('#documents').textContent()).toContain('Deleted Retainer agreement (signed).pdf');
    expect(await AuditEvent.countDocuments({ action: 'document.delete' })).toBe(1);
    confirmDialogs = false;
    expect(dialogs).toEqual([]);
  });

  it('refuses a cross-site POST and a POST without the CSRF token', async () => {
    const crossSite = await context.request.post(`${contactUrl}/notes`, { headers: { Origin: 'https://evil.example' }, form: { html: '<p>pwned</p>' } });
    expect(crossSite.status()).toBe(403);
    const noToken = await context.request.post(`${contactUrl}/notes`, { headers: { Origin: web.url }, form: { html: '<p>pwned</p>' } });
    expect(noToken.status()).toBe(403);
    expect(await Note.countDocuments({ html: /pwned/ })).toBe(0);
  });
});
