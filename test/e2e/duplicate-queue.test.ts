import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { DuplicateGroup } from '../../db/models/index';
import { createLinkedContacts } from '../../scripts/fixtures/linked-contacts';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';

describe('Duplicate review queue in Chromium', () => {
  let dashboard: Dashboard;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    dashboard = await openDashboard('duplicate_queue');
    url = dashboard.web.url;
    const ids = await createLinkedContacts([
      { firstName: 'Margaret', lastName: 'Olsen', phone: '(212) 555-0123', cases: 1, messages: 2, notes: 0, documents: 0 },
      { firstName: 'Peggy', lastName: 'Olsen', phone: '212-555-0123', email: 'peggy@sterling.example', cases: 0, messages: 1, notes: 1, documents: 0 },
      { firstName: 'Donald', lastName: 'Draper', email: 'don@sterling.example', cases: 0, messages: 0, notes: 0, documents: 0 },
      { firstName: 'Don', lastName: 'Draper', email: 'Don@Sterling.example', cases: 0, messages: 0, notes: 0, documents: 0 },
      { firstName: 'Roger', lastName: 'Sterling', phone: '(212) 555-0177', cases: 0, messages: 0, notes: 0, documents: 0 },
    ]);
    await recordContactChanges(ids);
    page = await (await dashboard.browser.newContext()).newPage();
    await logIn(page, url);
  });
  afterAll(() => dashboard?.close());

  async function runSweepFromTheQueue(liveContacts: number) {
    await page.goto(`${url}/duplicates`);
    await page.getByRole('button', { name: 'Run sweep now' }).click();
    await page.waitForURL(/\/duplicates\?sweep=dedupe-sweep-manual-/);
    await expect.poll(() => page.getByTestId('sweep-done').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('sweep-done').textContent()).toContain(`${liveContacts} contacts read`);
    await page.getByRole('link', { name: 'Refresh the queue' }).click();
  }

  it('starts empty, then a sweep fills the queue with groups and reasons', async () => {
    await page.goto(`${url}/duplicates`);
    expect(await page.locator('.empty').textContent()).toContain('No open duplicate groups');
    await runSweepFromTheQueue(5);
    expect(await page.getByTestId('queue-count').textContent()).toContain('2 open groups');
    const olsen = page.getByRole('region', { name: /Margaret Olsen/ });
    const why = await olsen.getByTestId('duplicate-reasons').first().textContent();
    expect(why).toMatch(/first names (Margaret and Peggy|Peggy and Margaret): one is a nickname for the other/);
    expect(why).toContain('same phone, (212) 555-0123');
    expect(why).not.toContain('≈');
    // The contacts list badges the grouped contacts (counted from their suggestions), not Roger.
    await page.goto(`${url}/contacts`);
    const badged = page.getByRole('row').filter({ has: page.locator('.badge.warn') });
    expect((await badged.allTextContents()).map((t) => t.replace(/\s+/g, ' ')).sort().join(' | ')).toMatch(/Draper.*Draper.*Olsen.*Olsen/);
    expect(await page.getByRole('row', { name: /Roger Sterling/ }).locator('.badge.warn').count()).toBe(0);
    await page.goto(`${url}/duplicates`);
  });

  it('resolves one group by merging and another by "Not a duplicate", and neither comes back', async () => {
    const olsen = page.getByRole('region', { name: /Margaret Olsen/ });
    await olsen.getByRole('link', { name: 'Merge' }).click();
    await page.waitForURL(/\/merge\?with=/);
    await page.getByRole('button', { name: 'Merge 2 contacts' }).click();
    await page.waitForURL(/\?merged=/, { timeout: 30_000 });

    await page.goto(`${url}/duplicates`);
    expect(await page.getByTestId('queue-count').textContent()).toContain('1 open group');
    const draper = page.getByRole('region', { name: /Draper/ });
    await draper.getByRole('button', { name: 'Not a duplicate' }).click();
    await expect.poll(() => page.getByRole('region', { name: /Draper/ }).count()).toBe(0);
    // The count follows at once (it said "1 open group" until a reload), and the group's place says what was done.
    await expect.poll(() => page.getByTestId('queue-count').textContent()).toBe('0 open groups');
    expect(await page.getByTestId('group-resolved').textContent()).toMatch(/^Marked as different people: .*Draper/);
    expect((await DuplicateGroup.find({}).lean()).map((g) => g.status).sort()).toEqual(['dismissed', 'merged']);

    // The next sweep (the merged-away Peggy no longer counts) reopens neither.
    await runSweepFromTheQueue(4);
    expect(await page.locator('.empty').textContent()).toContain('No open duplicate groups');
  });
});

describe('Duplicate sweep settings in Chromium', () => {
  let dashboard: Dashboard;
  let page: Page;

  beforeAll(async () => {
    dashboard = await openDashboard('dedupe_schedule');
    page = await (await dashboard.browser.newContext()).newPage();
    await logIn(page, dashboard.web.url);
  });
  afterAll(() => dashboard?.close());

  it('moves the nightly sweep to another time and timezone, refuses a bad time, pauses and resumes it', async () => {
    await page.goto(`${dashboard.web.url}/admin`);
    await page.getByRole('link', { name: 'Change its time, pause it or run it now' }).click();
    await page.getByLabel('Time', { exact: true }).fill('03:30');
    await page.getByLabel('Timezone').selectOption('America/Chicago');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('now runs at 03:30 (America/Chicago)');
    const schedule = await dashboard.env.temporal.schedule.getHandle('casebook-dedupe-sweep-nightly').describe();
    expect(schedule.spec.timezone).toBe('America/Chicago');
    // A bad value gets a clear error and changes nothing.
    await page.evaluate(() => ((document.getElementById('time') as HTMLInputElement).type = 'text'));
    await page.getByLabel('Time', { exact: true }).fill('25:99');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#time-error').textContent()).toContain('Use a time like 02:00');
    await page.getByRole('button', { name: 'Pause the nightly sweep' }).click();
    expect(await page.getByTestId('schedule-state').textContent()).toBe('Paused');
    expect((await dashboard.env.temporal.schedule.getHandle('casebook-dedupe-sweep-nightly').describe()).state.paused).toBe(true);
    await page.getByRole('button', { name: 'Resume the nightly sweep' }).click();
    expect(await page.getByTestId('schedule-state').textContent()).toBe('Active');
  });
});
