// The wiring proof: a page starts a workflow, the worker runs its activities
// against the database, and the page shows the result.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contact } from '../../db/models/index';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { TEST_ADMIN, type WebServer } from '../support/web-server';

describe('dashboard -> Temporal -> worker -> database -> dashboard', () => {
  let dashboard: Dashboard;
  let web: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    dashboard = await openDashboard('wiring');
    ({ web, browser } = dashboard);
  });
  afterAll(() => dashboard?.close());

  it('refuses a wrong password and sends a visitor without a session to the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/contacts?appStatus=installed`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('loads demo data through a workflow and shows the contacts', async () => {
    const page = await browser.newPage();
    await logIn(page, web.url);
    await page.goto(`${web.url}/admin`);
    await page.getByLabel('Number of demo contacts').fill('60');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    const status = page.getByTestId('seed-status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Done');
    expect(await page.getByTestId('seed-contacts').textContent()).toBe('60');
    expect(await Contact.countDocuments()).toBe(60);

    await page.getByRole('link', { name: 'See the contacts' }).click();
    await page.waitForURL(`${web.url}/contacts`);
    expect(await page.getByTestId('contact-total').textContent()).toBe('60');
    expect(await page.locator('table.contacts tbody tr').count()).toBe(25);
    await page.close();
  });

  it('reports database and Temporal health', async () => {
    const res = await fetch(`${web.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', temporal: 'up' });
  });
});
