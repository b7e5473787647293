import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { AuditEvent } from '../../db/models/index';
import { createLinkedContacts } from '../../scripts/fixtures/linked-contacts';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';

const none = { cases: 0, messages: 0, notes: 0, documents: 0 };

describe('Export in Chromium', () => {
  let dashboard: Dashboard;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    dashboard = await openDashboard('export_contacts');
    url = dashboard.web.url;
    await recordContactChanges(
      await createLinkedContacts([
        { firstName: 'Ada', lastName: 'Lovelace', phone: '(415) 555-0134', email: 'ada@example.com', installed: true, ...none },
        { firstName: '=HYPERLINK("http://evil.example","click")', lastName: 'Mallory', email: 'm@example.com', installed: true, ...none },
        { firstName: 'Alan', lastName: 'Turing', phone: '(415) 555-0199', installed: false, ...none },
      ]),
    );
    page = await (await dashboard.browser.newContext({ acceptDownloads: true })).newPage();
    await logIn(page, url);
  });
  afterAll(() => dashboard?.close());

  it('exports the filtered contacts with the chosen fields, as CSV safe for spreadsheets and as .xlsx', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByLabel('App Status').selectOption('installed');
    await expect.poll(() => page.getByTestId('contact-total').textContent()).toBe('2');
    await page.getByTestId('export-link').click();
    expect(await page.getByTestId('export-total').textContent()).toBe('2');
    await page.getByLabel('Tags').uncheck();
    await page.getByLabel('App status').uncheck();
    await page.getByLabel('Casebook ID').uncheck();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^casebook-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '').trim().split('\n').sort();
    expect(lines).toEqual([
      '"\'=HYPERLINK(""http://evil.example"",""click"")",Mallory,,m@example.com,',
      'Ada,Lovelace,+14155550134,ada@example.com,',
      'First name,Last name,Phone,Email,City',
    ]);

    await page.getByLabel(/Excel/).check();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const rows = workbook.getWorksheet('Contacts')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['First name', 'Last name', 'Phone', 'Email', 'City']);
    expect(await AuditEvent.countDocuments({ action: 'contact.export' })).toBe(2);

    await page.getByLabel('First name').uncheck();
    await page.getByLabel('Last name').uncheck();
    await page.getByLabel('Phone', { exact: true }).uncheck();
    await page.getByLabel('Email', { exact: true }).uncheck();
    await page.getByLabel('City').uncheck();
    await page.getByRole('button', { name: 'Download' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Pick at least one field');
  });
});
