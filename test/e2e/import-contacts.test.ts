import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contact } from '../../db/models/index';
import { createLinkedContacts } from '../../scripts/fixtures/linked-contacts';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';

// A file as a firm exports it from its old system: its own header names, a
// full-name column, US dates, an Excel-mangled phone, a bad email, an
// existing client in it twice, and a semicolon separator.
const FILE = [
  'Client Name;Cell phone;E-mail;DOB;Town',
  'Peggy Olsen;212-555-0123;peggy@sterling.example;03/07/1961;New York',
  'Dr. Ada Lovelace;(415) 555-0134;ada@example.com;12/10/1985;London',
  'Turing, Alan;4.15555E+09;alan@example.com;06/23/1982;Wilmslow',
  'Grace Hopper;415 555 0144;grace-at-example.com;12/09/1956;Arlington',
  'Ada Lovelace;415-555-0134;ADA@example.com;;London',
].join('\n');

describe('Import in Chromium, as a new user would', () => {
  let dashboard: Dashboard;
  let page: Page;
  let url: string;
  const path = join(tmpdir(), 'clients from old system.csv');

  beforeAll(async () => {
    dashboard = await openDashboard('import_contacts');
    url = dashboard.web.url;
    await recordContactChanges(await createLinkedContacts([{ firstName: 'Margaret', lastName: 'Olsen', phone: '(212) 555-0123', cases: 0, messages: 0, notes: 0, documents: 0 }]));
    writeFileSync(path, FILE);
    page = await (await dashboard.browser.newContext({ acceptDownloads: true })).newPage();
    await logIn(page, url);
  });
  afterAll(() => dashboard?.close());

  it('upload, mapping, policy, dry run, import, error report and undo', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByText('No imports yet').count()).toBe(1);

    // Upload: the separator and the columns are recognized.
    await page.getByLabel(/CSV or Excel/).setInputFiles(path);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.waitForURL(/\/settings\/import\/[0-9a-f]{24}$/);
    expect(await page.locator('summary').textContent()).toContain('Semicolon');
    expect(await page.getByLabel('Client Name').inputValue()).toBe('fullName');
    expect(await page.getByLabel('Cell phone').inputValue()).toBe('mobilePhone');
    expect(await page.getByLabel('E-mail').inputValue()).toBe('email');
    expect(await page.getByLabel('DOB').inputValue()).toBe('dateOfBirth');
    expect(await page.getByLabel('Town').inputValue()).toBe('city');

    // A mistake first: no name column is refused with a message, nothing starts.
    await page.getByLabel('Client Name').selectOption('');
    await page.getByLabel(/Merge/).check();
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('every contact needs a name');
    await page.getByLabel('Client Name').selectOption('fullName');
    await page.getByLabel('Save this mapping as').fill('Old system');
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();

    // The dry run: what would happen, with examples, and nothing written yet.
    await page.getByTestId('dry-run-counts').waitFor({ timeout: 60_000 });
    const dry = await page.getByTestId('dry-run-counts').innerText();
    expect(dry).toMatch(/Created\s+1/); // Ada Lovelace
    expect(dry).toMatch(/Merged\s+1/); // Margaret ("Peggy") Olsen gets her email, birth date and town
    expect(dry).toMatch(/Skipped\s+1/); // the second Ada has nothing new
    expect(dry).toMatch(/Failed\s+2/); // Alan's phone was mangled by Excel, Grace's email is not one
    expect(await Contact.countDocuments()).toBe(1);
    expect(await page.getByTestId('dry-run-examples').innerText()).toContain('turned into a number by Excel');

    // The import itself, then its summary: totals equal the file's 5 rows.
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
    const counts = await page.getByTestId('import-counts').innerText();
    expect(counts).toMatch(/Total\s+5/);
    expect(counts).toMatch(/Failed\s+2/);
    expect(await Contact.countDocuments()).toBe(2);
    const margaret = await Contact.findOne({ lastName: 'Olsen' }).lean();
    expect(margaret).toMatchObject({ dateOfBirth: '1961-03-07', emails: [{ address: 'peggy@sterling.example' }] });

    // The error report: the failed rows with their original values and reasons, ready to fix and re-import.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('error-report').click()]);
    const report = readFileSync((await download.path())!, 'utf8');
    expect(report).toContain('Client Name,Cell phone,E-mail,DOB,Town,Import row,Import error');
    expect(report).toContain('"Turing, Alan",4.15555E+09,alan@example.com,06/23/1982,Wilmslow,4,');
    expect(report).toContain('Grace Hopper,415 555 0144,grace-at-example.com,12/09/1956,Arlington,5,"Email: ""grace-at-example.com"" is not an email address"');

    // The rows page links to what was created and changed.
    await page.getByRole('link', { name: 'Every row and what happened to it' }).click();
    await expect.poll(() => page.getByTestId('ledger-rows').locator('tbody tr').count()).toBe(5);
    await page.getByLabel('Outcome').selectOption('merged');
    await expect.poll(() => page.getByTestId('ledger-rows').locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: /Margaret Olsen/ }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f]{24}$/);
    // Merge never overwrites: the file's "Peggy" waits on the profile for staff to settle.
    expect(await page.getByTestId('import-conflicts').innerText()).toMatch(/First name\s+Margaret\s+Peggy/);
    // Back to the import from the list of imports under Settings.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'clients from old system.csv' }).click();

    // Undo: after a confirmation, the database is as it was.
    await page.getByRole('link', { name: 'Undo import' }).click();
    await page.getByRole('button', { name: 'Undo import' }).click();
    await page.getByTestId('undo-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('undo-summary').innerText()).toContain('1 created contact removed; 1 changed contact set back to its values');
    expect(await page.getByTestId('import-state').innerText()).toBe('Undone');
    expect(await page.locator('#result-title').innerText()).toBe('What the import did before it was undone');
    expect(await Contact.countDocuments()).toBe(1);
    expect(await Contact.findOne({ lastName: 'Olsen' }).lean()).toMatchObject({ emails: [] });
    expect(await Contact.findOne({ lastName: 'Olsen' }).lean()).not.toHaveProperty('dateOfBirth');

    // The saved mapping is offered on the next upload of the same kind of file.
    await page.goto(`${url}/settings/import`);
    await page.getByLabel(/CSV or Excel/).setInputFiles(path);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.waitForURL(/\/settings\/import\/[0-9a-f]{24}$/);
    expect(await page.getByLabel('Saved mapping').locator('option').allTextContents()).toEqual(['Old system']);
  });

  it('a file that cannot be imported gets a clear message', async () => {
    const bad = join(tmpdir(), 'photo.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 0)]));
    await page.goto(`${url}/settings/import`);
    await page.getByLabel(/CSV or Excel/).setInputFiles(bad);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    expect(await page.getByTestId('upload-error').textContent()).toContain('photo.csv: This is a PNG file, not a CSV or Excel file.');
  });
});
