import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case, Contact } from '../../db/models/index';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { chooseListIndex } from '../../activities/contacts/contact-list-index';
import { config } from '../../config/config';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../../scripts/services/paths';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { seedThroughWorkflow } from '../support/seed-through-workflow';
import type { TestEnv } from '../support/test-env';
import type { WebServer } from '../support/web-server';

describe('Contacts page and case modal in Chromium', () => {
  let dashboard: Dashboard;
  let env: TestEnv;
  let web: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let installed: number;
  let notInstalled: number;

  beforeAll(async () => {
    dashboard = await openDashboard('contacts_list');
    ({ env, web, browser } = dashboard);
    await seedThroughWorkflow(env, 120);
    installed = await Contact.countDocuments({ 'appStatus.installed': true });
    notInstalled = await Contact.countDocuments({ 'appStatus.installed': false });
    context = await browser.newContext();
    page = await context.newPage();
    await logIn(page, web.url);
  });
  afterAll(() => dashboard?.close());

  const total = () => page.getByTestId('contact-total').textContent();

  it('App Status filters the list and the URL; reload and back/forward restore it', async () => {
    const response = await page.goto(`${web.url}/contacts`);
    expect(await total()).toBe('120');
    // On FerretDB the list is served by the in-memory index, fed by the worker's change log.
    expect(response!.headers()['x-contact-list-source']).toBe(chooseListIndex(config.CONTACT_LIST_INDEX, await detectDatabaseEngine()));
    expect(installed).toBeGreaterThan(0);
    expect(notInstalled).toBeGreaterThan(0);

    await page.getByLabel('App Status').selectOption({ label: 'Installed' });
    await page.waitForURL(/appStatus=installed/);
    await expect.poll(total).toBe(String(installed));

    await page.getByLabel('App Status').selectOption({ label: 'Not Installed' });
    await page.waitForURL(/appStatus=not_installed/);
    await expect.poll(total).toBe(String(notInstalled));

    await page.reload();
    expect(await total()).toBe(String(notInstalled));
    expect(await page.getByLabel('App Status').inputValue()).toBe('not_installed');

    await page.goBack();
    await page.waitForURL(/appStatus=installed$/);
    await expect.poll(total).toBe(String(installed));
    await expect.poll(() => page.getByLabel('App Status').inputValue()).toBe('installed');

    await page.goBack();
    await page.waitForURL(`${web.url}/contacts`);
    await expect.poll(total).toBe('120');

    await page.goForward();
    await page.waitForURL(/appStatus=installed$/);
    await expect.poll(total).toBe(String(installed));
  });

  it('sorts Z–A and pages through every contact once', async () => {
    await page.goto(`${web.url}/contacts`);
    await page.getByLabel('Sort').selectOption({ label: 'Name Z–A' });
    await page.waitForURL(/sort=name_desc/);
    const last = await Contact.findOne().sort({ sortName: -1, _id: -1 }).lean();
    await expect.poll(() => page.locator('table.contacts tbody tr td a').first().getAttribute('href')).toBe(`/contacts/${last!._id}`);
    const seen = new Set<string>();
    for (;;) {
      for (const href of await page.locator('table.contacts tbody tr td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) seen.add(href);
      const next = page.getByRole('link', { name: 'Next page »' });
      if ((await next.count()) === 0) break;
      const before = await page.locator('table.contacts tbody tr td a').first().getAttribute('href');
      await next.click();
      await expect.poll(() => page.locator('table.contacts tbody tr td a').first().getAttribute('href')).not.toBe(before);
    }
    expect(seen.size).toBe(120);
  });

  it('a shared ?appStatus=not_installed link opens filtered in a fresh tab', async () => {
    const shared = await context.newPage();
    await shared.goto(`${web.url}/contacts?appStatus=not_installed`);
    expect(await shared.getByTestId('contact-total').textContent()).toBe(String(notInstalled));
    expect(await shared.getByLabel('App Status').inputValue()).toBe('not_installed');
    await shared.close();
  });

  it('search as you type finds by name, phone in another format, and email', async () => {
    const someone = await Contact.findOne({ 'phones.0': { $exists: true }, 'emails.0': { $exists: true } }).lean();
    await page.goto(`${web.url}/contacts`);
    await page.getByLabel('Search').fill(someone!.lastName);
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator('table.contacts').textContent()).toContain(someone!.lastName);
    const digits = someone!.phones[0]!.e164!.slice(2); // "4155550134" typed without country code or punctuation
    await page.getByLabel('Search').fill(digits);
    await expect.poll(() => page.locator('table.contacts').textContent()).toContain(someone!.lastName);
    await page.getByLabel('Search').fill(someone!.emails[0]!.address.toUpperCase());
    await expect.poll(() => page.locator('table.contacts').textContent()).toContain(someone!.lastName);
    await page.getByLabel('Search').fill('zzzz-nobody');
    await expect.poll(() => page.locator('.empty').textContent()).toContain('No contacts match');
  });

  it('the case modal filters by App Status without changing the page URL', async () => {
    const kase = await Case.findOne().lean();
    await page.goto(`${web.url}/cases/${kase!._id}`);
    const before = page.url();
    await page.getByRole('button', { name: 'Add/see contacts of this case' }).click();
    const modal = page.locator('#case-contacts-modal');
    // First the case's own contacts, then (second step) the firm's, to add from.
    const onCase = kase!.contacts.length;
    await expect.poll(() => modal.getByTestId('picker-case-count').textContent()).toBe(`${onCase} contact${onCase === 1 ? '' : 's'} on this case`);
    await modal.getByRole('button', { name: 'Add contacts to this case' }).click();
    await expect.poll(() => modal.getByTestId('contact-total').textContent()).toBe('120');
    // The picker arrives by htmx; a change before htmx has wired its form up would be lost (a busy CI machine).
    await page.waitForFunction(() => Boolean((document.querySelector('#picker-body form') as unknown as Record<string, unknown> | null)?.['htmx-internal-data']));
    await modal.getByLabel('App Status').selectOption({ label: 'Installed' });
    await expect.poll(() => modal.getByTestId('contact-total').textContent()).toBe(String(installed));
    expect(page.url()).toBe(before);

    // Adding a contact from the modal links it to the case.
    const linkedBefore = await page.getByTestId('case-contact').count();
    const firstAdd = modal.locator('form.add-to-case').first();
    await firstAdd.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByTestId('case-contact').count()).toBe(linkedBefore + 1);
    expect(page.url()).toBe(before);
  });

  it('works on a phone (390 px): list, profile, case and its modal, with nothing off screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await logIn(p, web.url);
    const shots = join(dataDir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    // Nothing wider than the screen: the page does not scroll sideways, and every visible element ends inside it.
    const offScreen = () =>
      p.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = Array.from(document.querySelectorAll('body *')).filter((el) => {
          const r = el.getBoundingClientRect();
          const hidden = r.width === 0 || getComputedStyle(el).visibility === 'hidden' || el.closest('.table-scroll, dialog:not([open]), .visually-hidden');
          return !hidden && r.right > width + 1;
        });
        return { scrolls: document.documentElement.scrollWidth > width, wide: wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`) };
      });
    const kase = await Case.findOne({ 'contacts.0': { $exists: true } }).lean();
    const contactId = kase!.contacts[0]!.contactId;
    for (const [name, path] of [['list', '/contacts'], ['profile', `/contacts/${contactId}`], ['case', `/cases/${kase!._id}`]] as const) {
      await p.goto(web.url + path);
      expect(await offScreen(), name).toEqual({ scrolls: false, wide: [] });
      await p.screenshot({ path: join(shots, `phone-${name}.png`), fullPage: true });
    }
    // Every main link of the header can be reached and tapped.
    for (const link of ['Contacts', 'Cases', 'Duplicates', 'Settings']) expect(await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).isVisible()).toBe(true);

    await p.getByRole('button', { name: 'Add/see contacts of this case' }).click();
    const modal = p.locator('#case-contacts-modal');
    await modal.getByTestId('picker-case-count').waitFor();
    await p.screenshot({ path: join(shots, 'phone-case-modal.png') });
    await modal.getByRole('button', { name: 'Add contacts to this case' }).click();
    await modal.getByTestId('contact-total').waitFor();
    const add = modal.locator('form.add-to-case').first().getByRole('button', { name: 'Add' });
    const box = (await add.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await offScreen()).toEqual({ scrolls: false, wide: [] });
    await p.screenshot({ path: join(shots, 'phone-case-modal-add.png') });
    await phone.close();
  });
});
