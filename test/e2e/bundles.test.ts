import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { Case } from '../../db/models/index';
import { dataDir } from '../../scripts/services/paths';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { manifestRows, readZip } from '../support/bundle-helpers';
import { eventually } from '../support/outbox-rig';

// Short, so the test sees a link refused after expiry; the product's default is 24 hours.
const LIFETIME_MS = 20_000;

// A newcomer uploads files that share a name, clicks Download All, watches the progress, gets the zip by itself,
// finds the emailed link on the Outbox page, opens it, and sees it refused once it expired; then browses the
// case's Contact Documents sub-tab (issue #18).
describe('Download All and the case\'s Documents tab, in Chromium', () => {
  let dashboard: Dashboard;
  let page: Page;
  let contactId: string;
  let caseId: string;
  const shots = join(dataDir, 'screenshots');
  const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(n)]);
  const files = [
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf(3 * 1024 * 1024) },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf(2 * 1024 * 1024) },
    { name: 'intake notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Called about the lease.\n'.repeat(2000)) },
  ];

  beforeAll(async () => {
    dashboard = await openDashboard('bundles_browser', { outbox: true, bundleLifetimeMs: LIFETIME_MS });
    const actor = { id: undefined as never, name: 'Test' };
    const created = await createContact({ input: { firstName: 'Rosa', lastName: 'Delgado', emails: [{ address: 'rosa@example.com', primary: true }] }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    contactId = String(created.contact._id);
    const kase = await Case.create({ number: '2026-000777', title: 'Delgado v. Landlord' });
    caseId = String(kase._id);
    await linkContactToCase({ caseId: kase._id, contactId: created.contact._id, role: 'client', actor });
    page = await (await dashboard.browser.newContext({ acceptDownloads: true })).newPage();
    await logIn(page, dashboard.web.url);
    mkdirSync(shots, { recursive: true });
  });
  afterAll(() => dashboard?.close());

  it('bundles the uploads, starts the download by itself, emails a link that expires', async () => {
    await page.goto(`${dashboard.web.url}/contacts/${contactId}`);
    await page.locator('#doc-files').setInputFiles(files);
    await page.locator('.upload-progress[data-upload-settled]').waitFor();
    await expect.poll(() => page.getByTestId('document-link').count()).toBe(3);

    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('download-all').click();
    // The region shows the bundle being made, with a progress bar, then starts the file when it is ready.
    await page.getByTestId('bundle-progress').waitFor();
    await page.screenshot({ path: join(shots, 'profile-bundle-progress.png') });
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^Rosa Delgado documents \d{4}-\d\d-\d\d\.zip$/);
    const zip = readFileSync((await download.path())!);
    const entries = new Map((await readZip(zip)).map((e) => [e.name, e.data]));
    expect([...entries.keys()].sort()).toEqual(['Documents/intake notes.txt', 'Documents/scan (2).pdf', 'Documents/scan.pdf', 'README.txt', 'manifest.csv']);
    // The two scans were uploaded at once: each is in the zip under its own name, whichever arrived first.
    const scans = [entries.get('Documents/scan.pdf')!, entries.get('Documents/scan (2).pdf')!];
    expect(scans.some((b) => b.equals(files[0]!.buffer)) && scans.some((b) => b.equals(files[1]!.buffer))).toBe(true);
    expect(entries.get('Documents/intake notes.txt')!.equals(files[2]!.buffer)).toBe(true);
    expect(manifestRows(entries.get('manifest.csv')!.toString()).map((r) => r['original name']).sort()).toEqual(['intake notes.txt', 'scan.pdf', 'scan.pdf']);
    await page.getByTestId('bundle-ready').waitFor();
    await page.screenshot({ path: join(shots, 'profile-bundle-ready.png'), fullPage: true });

    // The email is on the Outbox page; its link downloads the same file for a signed-in person.
    // The Outbox page shows what the capture server had when it loaded: reloaded until the email is there (under load it can come later).
    const email = page.getByTestId('captured-email').filter({ hasText: 'ready to download' });
    const link = email.locator('a[href*="/bundles/link/"]').first();
    await eventually(async () => {
      await page.goto(`${dashboard.web.url}/admin/outbox`);
      return (await link.count()) > 0;
    }, 'the bundle email on the Outbox page', 60_000);
    const href = (await link.getAttribute('href'))!;
    const viaLink = page.waitForEvent('download');
    await link.click();
    expect(readFileSync((await (await viaLink).path())!).equals(zip)).toBe(true);

    // After its lifetime the link is refused with a clear page and a way to make a new bundle.
    await expect.poll(async () => (await page.request.get(href, { maxRedirects: 0 })).status(), { timeout: LIFETIME_MS + 30_000, interval: 1000 }).toBe(410);
    await page.goto(href);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link has expired');
    expect(await page.getByTestId('bundle-refused').textContent()).toMatch(/This link expired on .+, and the bundle of Rosa Delgado's documents was deleted/);
    await page.screenshot({ path: join(shots, 'bundle-link-expired.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, 'phone-bundle-link-expired.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('make-new-bundle').click();
    await page.waitForURL(/\/contacts\/[0-9a-f]{24}(#documents)?$/);
    expect(['preparing', 'ready']).toContain(await page.getByTestId('bundle-status').getAttribute('data-state'));
  }, 120_000);

  it('shows contact documents inside the case, grouped by contact, filtered by type, with uploading', async () => {
    await page.goto(`${dashboard.web.url}/cases/${caseId}`);
    await page.getByTestId('tab-documents').click();
    await page.getByTestId('sub-case-documents').waitFor();
    expect(page.url()).toContain('tab=documents');
    await page.getByTestId('sub-contact-documents').click();
    await expect.poll(() => page.url()).toContain('sub=contact');
    const group = page.getByTestId('contact-documents-group').filter({ hasText: 'Rosa Delgado' });
    expect(await group.locator('h3').textContent()).toContain('client');
    await expect.poll(() => group.getByTestId('case-document').count()).toBe(3);

    await page.getByTestId('filter-type').selectOption('pdf');
    await expect.poll(() => page.url()).toContain('type=pdf');
    await expect.poll(() => group.getByTestId('case-document').count()).toBe(2);
    await page.getByTestId('filter-type').selectOption('');
    await expect.poll(() => group.getByTestId('case-document').count()).toBe(3);

    // Uploading for the contact from the case: the file is theirs (it shows on their profile too).
    await group.locator('input[type=file]').setInputFiles([{ name: 'lease.pdf', mimeType: 'application/pdf', buffer: pdf(1000) }]);
    await expect.poll(() => page.getByTestId('contact-documents-group').filter({ hasText: 'Rosa Delgado' }).getByTestId('case-document').count()).toBe(4);
    await page.screenshot({ path: join(shots, 'case-contact-documents.png'), fullPage: true });

    // The sub-tab is in the URL: a reload (or a shared link) opens it again.
    await page.reload();
    expect(await page.getByTestId('sub-contact-documents').getAttribute('aria-current')).toBe('page');

    // The case's own documents: upload in the Case Documents sub-tab.
    await page.getByTestId('sub-case-documents').click();
    const caseZone = page.locator('#case-documents .dropzone[data-upload-url$="/documents"]');
    await caseZone.waitFor();
    await caseZone.locator('input[type=file]').setInputFiles([{ name: 'complaint.pdf', mimeType: 'application/pdf', buffer: pdf(1000) }]);
    await expect.poll(() => page.locator('#case-documents').getByTestId('case-document').count()).toBe(1);
    await page.goto(`${dashboard.web.url}/contacts/${contactId}`);
    await expect.poll(() => page.getByTestId('document-link').filter({ hasText: 'lease.pdf' }).count()).toBe(1);
    expect(await page.getByTestId('document-link').filter({ hasText: 'complaint.pdf' }).count()).toBe(0);
  }, 60_000);
});
