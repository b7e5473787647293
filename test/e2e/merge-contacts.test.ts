import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { AuditEvent, Contact, Message, MergeRecord } from '../../db/models/index';
import { createLinkedContacts } from '../../scripts/fixtures/linked-contacts';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';

describe('Duplicates, merge and unmerge in Chromium, as a new user would', () => {
  let dashboard: Dashboard;
  let page: Page;
  let url: string;
  let robert: string;
  let bob: string;
  let robbie: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    dashboard = await openDashboard('merge_flow');
    url = dashboard.web.url;
    const ids = await createLinkedContacts([
      { firstName: 'Robert', lastName: 'Hallorann', phone: '(415) 555-0142', cases: 2, messages: 5, notes: 1, documents: 1 },
      { firstName: 'Bob', lastName: 'Hallorann', phone: '415.555.0142', email: 'bob.hallorann@example.com', cases: 1, messages: 3, notes: 2, documents: 0, installed: true },
      { firstName: 'Robbie', lastName: 'Hallorann', phone: '(212) 555-0199', cases: 0, messages: 1, notes: 0, documents: 0 },
    ]);
    [robert, bob, robbie] = ids.map(String) as [string, string, string];
    await recordContactChanges(ids); // so the web server's contact index sees them
    page = await (await dashboard.browser.newContext()).newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await logIn(page, url);
  });
  afterAll(() => dashboard?.close());

  it('shows possible duplicates with score and reasons, and "Not a duplicate" sticks', async () => {
    await page.goto(`${url}/contacts/${robert}`);
    const panel = page.locator('#duplicates');
    await expect.poll(() => panel.textContent()).toContain('Bob Hallorann');
    const bobItem = panel.locator('li', { hasText: 'Bob Hallorann' });
    expect(await bobItem.textContent()).toMatch(/Likely duplicate · (\d+|>99)%/);
    // Reasons in plain words with the records' own values; the engine's wording only under Details.
    const why = await bobItem.getByTestId('duplicate-reasons').textContent();
    expect(why).toContain('first names Robert and Bob: one is a nickname for the other');
    expect(why).toContain('same phone, (415) 555-0142');
    expect(why).not.toMatch(/≈|\+1415|Jaro/);
    await bobItem.getByText('Details').click();
    expect(await bobItem.locator('details').textContent()).toContain('first name robert ≈ bob (nickname)');
    const robbieItem = panel.locator('li', { hasText: 'Robbie Hallorann' });
    expect(await robbieItem.textContent()).toContain('Possible duplicate');
    await robbieItem.getByRole('button', { name: 'Not a duplicate' }).click();
    await expect.poll(() => panel.textContent()).toContain('Robbie Hallorann will not be suggested as a duplicate again.');
    await page.reload();
    await expect.poll(() => panel.textContent()).toContain('Bob Hallorann');
    expect(await panel.textContent()).not.toContain('Robbie Hallorann');
    expect(await AuditEvent.countDocuments({ action: 'contact.not-duplicate' })).toBe(1);

    // The contacts list badges contacts with open suggestions.
    await page.goto(`${url}/contacts?q=Hallorann`);
    const row = page.locator('tr', { hasText: 'Robert Hallorann' });
    expect(await row.locator('.badge.warn').textContent()).toContain('possible duplicate');
    expect(await page.locator('tr', { hasText: 'Robbie Hallorann' }).locator('.badge.warn').count()).toBe(0);
  });

  it('merges through the ⋮ menu with a field choice, moves everything, and redirects the old address', async () => {
    await page.goto(`${url}/contacts/${robert}`);
    await page.getByLabel('More actions for this contact').click();
    await page.getByRole('link', { name: 'Merge Contact' }).click();
    await page.waitForURL(`${url}/contacts/${robert}/merge`);
    await page.getByRole('link', { name: 'Add Bob Hallorann to the merge' }).click();
    await page.waitForURL(/with=/);
    // Keep Robert's record but the first name he goes by, and see what will move.
    await page.getByLabel('First name: Bob').check();
    expect(await page.getByTestId('merge-preview').textContent()).toContain('3 case links (a case shared by several records counts once), 8 messages, 3 notes and 1 document');
    await page.getByRole('button', { name: 'Merge 2 contacts' }).click();
    await page.waitForURL(new RegExp(`/contacts/${robert}\\?merged=`), { timeout: 30_000 });
    expect(await page.getByTestId('merge-banner').textContent()).toContain('Merged Bob Hallorann into this contact: it now has 3 case links, 8 messages, 3 notes and 1 documents.');
    expect(await page.locator('h1').textContent()).toBe('Bob Hallorann');
    expect(await page.locator('#messages').textContent()).toContain('8 messages');
    expect(await page.locator('#details').textContent()).toContain('bob.hallorann@example.com');
    expect(await page.locator('#details').textContent()).toContain('Installed');
    expect(await Message.countDocuments({ contactId: robert })).toBe(8);

    // The merged-away contact's old address leads here, and says so.
    await page.goto(`${url}/contacts/${bob}`);
    expect(page.url()).toContain(`/contacts/${robert}?mergedFrom=${bob}`);
    expect(await page.getByTestId('merge-banner').textContent()).toContain('Bob Hallorann was merged into this contact');
    await page.goto(`${url}/contacts?q=Hallorann`);
    expect(await page.locator('tbody tr').count()).toBe(2); // Bob (kept) and Robbie
  });

  it('unmerges from the kept contact and restores both records exactly', async () => {
    await page.goto(`${url}/contacts/${robert}`);
    const history = page.locator('#merge-history');
    expect(await history.textContent()).toContain('Bob Hallorann');
    await history.getByRole('button', { name: 'Unmerge' }).click();
    await page.waitForURL(new RegExp(`/contacts/${robert}\\?unmerged=`), { timeout: 30_000 });
    expect(dialogs.some((d) => d.startsWith('Unmerge Bob Hallorann?'))).toBe(true);
    expect(await page.getByTestId('merge-banner').textContent()).toContain('Unmerged: Bob Hallorann is a separate contact again');
    expect(await page.locator('h1').textContent()).toBe('Robert Hallorann');
    expect(await page.locator('#messages').textContent()).toContain('5 messages');
    await page.goto(`${url}/contacts/${bob}`);
    expect(page.url()).toBe(`${url}/contacts/${bob}`);
    expect(await page.locator('#messages').textContent()).toContain('3 messages');
    expect((await Contact.findOne({ _id: bob }).lean())!.mergedInto).toBeUndefined();
    expect(await MergeRecord.countDocuments({ status: 'unmerged' })).toBe(1);
    expect(await AuditEvent.countDocuments({ action: { $in: ['contact.merge', 'contact.unmerge'] } })).toBe(2);
    expect(robbie).toBeTruthy();
  });

  it('merges three records at once, finding one through search', async () => {
    await page.goto(`${url}/contacts/${robert}/merge?with=${bob}`);
    // Bob, the one suggestion left (Robbie was marked "not a duplicate"), is in the merge: the page says so, not "no suggestions".
    expect(await page.getByTestId('merge-suggestions-empty').textContent()).toContain('Every suggested duplicate of this contact is already in this merge');
    await page.getByLabel('Search any contact').fill('Robbie');
    await page.getByRole('link', { name: 'Add Robbie Hallorann to the merge' }).click();
    await page.waitForURL(new RegExp(`with=${bob}&with=${robbie}`));
    expect(await page.locator('table.compare thead th').count()).toBe(4); // field column + 3 records
    // Two records of one name are told apart by when they were made, where from, and their id.
    const details = await page.getByTestId('merge-column-detail').allTextContents();
    expect(details).toHaveLength(3);
    for (const d of details) expect(d).toMatch(/^Created \w{3} \d{1,2}, \d{4} · (imported|typed in|[\w-]+) · id …[0-9a-f]{6}$/);
    expect(new Set(details).size).toBe(3);
    expect(await page.getByTestId('merge-preview').textContent()).toContain('9 messages');
    await page.getByRole('button', { name: 'Merge 3 contacts' }).click();
    await page.waitForURL(new RegExp(`/contacts/${robert}\\?merged=`), { timeout: 30_000 });
    expect(await page.getByTestId('merge-banner').textContent()).toContain('Merged Bob Hallorann, Robbie Hallorann into this contact');
    expect(await Message.countDocuments({ contactId: robert })).toBe(9);
    await page.goto(`${url}/contacts/${robbie}`);
    expect(page.url()).toContain(`/contacts/${robert}?mergedFrom=${robbie}`);
  });
});
