import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { sharePortalLink } from '../../activities/portal/share-portal-link';
import { Case } from '../../db/models/index';
import { dataDir } from '../../scripts/services/paths';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { portalLinkResult, startPortalLinkWorkflow } from '../../temporal/portal-link';
import { logIn } from '../support/browser';
import { openDashboard, type Dashboard } from '../support/dashboard';
import { eventually, zoneWhereItIsNow } from '../support/outbox-rig';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1' };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, ...new Array(2000).fill(9), 0xff, 0xd9]);

// The portal as a client and their lawyer use it (issue #19): staff share a link by SMS from the case, the text is on
// the Outbox page, the client opens it on a 360 px phone, sees the case's stage, sends a photo and a message, staff
// answer and the client reads it, the appointment shows with its .ics; then the link is revoked and refused, and a
// link past its expiry is refused too.
describe('Client portal, in Chromium (phone and dashboard)', () => {
  let dashboard: Dashboard;
  let staff: Page;
  let phone: Page;
  let phoneContext: BrowserContext;
  let contactId: string;
  let caseId: string;
  let portalUrl = '';
  const shots = join(dataDir, 'screenshots');
  const shoot = (p: Page, name: string) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  /** Nothing on the page is wider than the phone: no sideways scrolling. */
  const fitsThePhone = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    dashboard = await openDashboard('portal_browser', { outbox: true });
    const actor = { id: undefined as never, name: 'Test' };
    const created = await createContact({ input: { firstName: 'Rosa', lastName: 'Delgado', phones: [{ raw: '+13035550142', type: 'mobile', primary: true }], emails: [{ address: 'rosa@example.com', primary: true }], preferences: { channel: 'sms' }, timezone: zoneWhereItIsNow(14) }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    contactId = String(created.contact._id);
    const kase = await Case.create({ number: '2026-000919', title: 'Delgado v. Landlord' });
    caseId = String(kase._id);
    await linkContactToCase({ caseId: kase._id, contactId: created.contact._id, role: 'client', actor });
    staff = await (await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(staff, dashboard.web.url);
    phoneContext = await dashboard.browser.newContext({ ...PHONE, acceptDownloads: true });
    phone = await phoneContext.newPage();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(() => dashboard?.close());

  it('staff share a link by SMS; the client opens it on the phone, sees the stage, sends a photo and a message, and reads the answer', async () => {
    // Staff: the case's stage and an appointment, then Share Link beside the client.
    await staff.goto(`${dashboard.web.url}/cases/${caseId}`);
    await staff.getByTestId('case-stage').selectOption('discovery');
    await staff.getByTestId('case-stage-save').click();
    await staff.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await staff.getByTestId('tab-appointments').click();
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await staff.getByLabel('Title').fill('Meeting to prepare the deposition');
    await staff.getByLabel('Date').fill(day);
    await staff.getByLabel('Starts').fill('15:00');
    await staff.getByLabel('Ends').fill('16:00');
    await staff.getByLabel('Place').fill('12 Main Street, Denver');
    await staff.getByTestId('appointment-save').click();
    await staff.getByTestId('case-appointment').filter({ hasText: 'Meeting to prepare' }).waitFor();
    await staff.getByTestId('tab-contacts').click();
    await staff.getByTestId('share-link').click();
    await staff.getByTestId('share-form').waitFor();
    expect(await staff.getByTestId('share-channel-sms').isChecked()).toBe(true); // the contact's preferred channel
    await staff.getByTestId('share-preview-button').click();
    expect(await staff.getByTestId('share-preview').textContent()).toContain('see your case 2026-000919');
    await shoot(staff, 'portal-share-link');
    await staff.getByTestId('share-send').click();
    await staff.getByTestId('shared-banner').waitFor();
    expect(staff.url()).toContain('tab=portal');
    await staff.getByTestId('portal-link-row').first().waitFor();

    // The text, as the capture server received it, on the Outbox page.
    await staff.goto(`${dashboard.web.url}/admin/outbox`);
    portalUrl = await eventually(async () => {
      await staff.reload();
      const text = staff.getByTestId('captured-sms').filter({ hasText: '/portal/link/' }).first();
      return (await text.count()) ? text.locator('a[href*="/portal/link/"]').getAttribute('href') : undefined;
    }, 'the portal text on the Outbox page');

    // The client, on a 360 px phone: the landing page, then Continue.
    await phone.goto(portalUrl);
    await shoot(phone, 'phone-portal-landing');
    await phone.getByTestId('portal-continue').click();
    await phone.waitForURL(/\/portal$/);
    expect(await phone.getByTestId('portal-current-stage').textContent()).toContain('Discovery');
    expect(await phone.getByTestId('portal-next-appointment').textContent()).toContain('Meeting to prepare the deposition');
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-portal-home');

    // A photo from the phone lands in the case's documents, from the client.
    await phone.getByRole('link', { name: 'Documents' }).click();
    await phone.locator('#files').setInputFiles([{ name: 'lease photo.jpg', mimeType: 'image/jpeg', buffer: JPEG }]);
    await phone.getByRole('button', { name: 'Send', exact: true }).click();
    await phone.getByTestId('portal-received').waitFor();
    expect(await phone.getByTestId('portal-sent').textContent()).toContain('lease photo.jpg');
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-portal-documents');

    // A message to the legal team.
    await phone.getByRole('link', { name: 'Messages' }).click();
    await phone.getByLabel('Write a message').fill('I sent the lease photo. When do we meet?');
    await phone.getByRole('button', { name: 'Send message' }).click();
    await phone.getByRole('status').filter({ hasText: 'Message sent' }).waitFor();

    // Staff hear of it in Client activity (the count in the nav), read it on the case and answer; the client is told by text.
    await staff.goto(`${dashboard.web.url}/contacts`);
    await staff.getByTestId('client-activity-count').waitFor();
    await staff.getByRole('link', { name: /Client activity/ }).click();
    expect(await staff.getByTestId('client-activity').filter({ hasText: 'wrote on case 2026-000919' }).count()).toBe(1);
    expect(await staff.getByTestId('client-activity').filter({ hasText: 'sent “lease photo.jpg”' }).count()).toBe(1);
    await shoot(staff, 'client-activity');
    await staff.getByTestId('client-activity').filter({ hasText: 'wrote on case' }).getByRole('link').click();
    await staff.waitForURL(/tab=portal/);
    const thread = staff.getByTestId('staff-portal-thread').filter({ hasText: 'Rosa Delgado' });
    expect(await thread.textContent()).toContain('I sent the lease photo.');
    await thread.getByLabel('Answer on the portal').fill('Thank you, Rosa. See you on the date in your portal.');
    await thread.getByRole('button', { name: 'Send on the portal' }).click();
    await staff.getByRole('status').filter({ hasText: 'was told by text' }).waitFor();
    await shoot(staff, 'case-portal-tab');
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=documents&sub=contact`);
    expect(await staff.getByTestId('contact-documents-group').textContent()).toContain('lease photo.jpg');

    await phone.reload();
    expect(await phone.getByTestId('portal-thread').textContent()).toContain('Thank you, Rosa.');
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-portal-messages');

    // The appointment, with its .ics.
    await phone.getByRole('link', { name: 'Appointments' }).click();
    const appointment = phone.getByTestId('portal-appointment').filter({ hasText: 'Meeting to prepare' });
    expect(await appointment.textContent()).toContain('12 Main Street, Denver');
    const ics = await phone.request.get(new URL((await appointment.getByTestId('portal-ics').getAttribute('href'))!, dashboard.web.url).toString());
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('SUMMARY:Meeting to prepare the deposition');
    await shoot(phone, 'phone-portal-appointments');
  }, 180_000);

  it('keeps a portal page under 100 KB without images', async () => {
    const bodies: Promise<number>[] = [];
    const count = (r: import('playwright-core').Response) => void bodies.push(r.body().then((b) => b.length, () => 0));
    phone.on('response', count);
    await phone.goto(`${dashboard.web.url}/portal`);
    await phone.waitForLoadState('load');
    phone.off('response', count);
    // HTML, stylesheets and the script, as sent (uncompressed: the budget holds even without gzip).
    const bytes = (await Promise.all(bodies)).reduce((a, n) => a + n, 0);
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(100 * 1024);
  });

  it('refuses the link once staff revoke it, and a link past its expiry', async () => {
    await staff.goto(`${dashboard.web.url}/cases/${caseId}?tab=portal`);
    staff.once('dialog', (d) => void d.accept());
    await staff.getByTestId('portal-link-revoke').first().click();
    await staff.getByRole('status').filter({ hasText: 'Link revoked' }).waitFor();
    await phone.goto(`${dashboard.web.url}/portal`);
    await phone.getByTestId('portal-ended').waitFor();
    await phone.goto(portalUrl);
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('This link has expired');
    expect(await fitsThePhone(phone)).toBe(true);
    await shoot(phone, 'phone-portal-refused');
    await phone.getByRole('button', { name: /send me a new link/ }).click();
    await phone.getByRole('status').filter({ hasText: 'will send you a new link' }).waitFor();

    // A link with a short life (the product offers 1 hour at least): refused once PortalLinkWorkflow expires it.
    const actor = { id: undefined as never, name: 'Test' };
    const shared = await sharePortalLink({ contactId: new Types.ObjectId(contactId), caseIds: [new Types.ObjectId(caseId)], channel: 'sms', to: '+13035550142', lifetime: '1h', lifetimeMs: 3_000, actor, publicUrl: dashboard.web.url });
    if (!shared.ok) throw new Error(JSON.stringify(shared.errors));
    await startPortalLinkWorkflow(dashboard.env.temporal, { linkId: shared.linkId, createdAt: new Date(), expiresAt: shared.expiresAt, taskQueue: dashboard.env.taskQueue, actorId: 'test', channel: 'sms' });
    await startMessageDelivery(dashboard.env.temporal, { messageId: shared.messageId, taskQueue: dashboard.env.taskQueue, channel: 'sms', purpose: 'portal-link' });
    await expect(portalLinkResult(dashboard.env.temporal, shared.linkId)).resolves.toEqual({ status: 'expired' });
    await staff.goto(`${dashboard.web.url}/admin/outbox`);
    const links = await staff.locator('a[href*="/portal/link/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const expired = links.find((h) => h !== portalUrl);
    if (!expired) throw new Error('the second portal text is not on the Outbox page');
    await phone.goto(expired);
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe('This link has expired');
  }, 90_000);
});
