import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { hashSessionToken } from '../../activities/portal/open-portal-link';
import { postClientMessage } from '../../activities/portal/portal-messages';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { Case } from '../../db/models/index';
import { createTasksFromTemplate } from '../../activities/tasks/create-tasks';
import { saveFormTemplate } from '../../activities/forms/save-form-template';
import { sendFormToContact } from '../../activities/forms/send-form';
import { DEMO_FORM_FIELDS } from '../demo-forms';
import { insertPortalLink, insertPortalToken, newPortalToken } from '../../db/portal/portal-links';
import { insertPortalSession } from '../../db/portal/portal-sessions';
import { connectTemporal } from '../../temporal/connection';
import { TEST_NAMESPACE } from '../services/index';
import { portalCookieName } from '../../web/portal/portal-cookie';
import { startBenchWebApp } from './bench-web-app';
import { percentile, round } from './stats';
import type { BenchEntry } from './types';

const ACTOR = { id: new Types.ObjectId(), name: 'Portal bench' };
const SECONDS = 60;
const FLAT_OUT_SECONDS = 15;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]), randomBytes(20_000), Buffer.from([0xff, 0xd9])]);
type Kind = 'home' | 'documents' | 'messages' | 'appointments' | 'send message' | 'upload' | 'open link' | 'form' | 'save answers';

/**
 * `size` portal sessions at once (default 100), each a client on their phone
 * browsing Home, Documents, their case's Messages and Appointments (reading
 * each page 0.5 to 1.5 s), sending a message and uploading a small photo,
 * for 60 s, against the real web app and database; then 15 s flat out, with
 * no one reading, for the ceiling. Sessions are made in the database (all clients come from one
 * address here, and opening links is rate-limited per address); opening a
 * link (landing page + Continue) is measured on its own for 10 of them.
 */
export const portalBench: BenchEntry = {
  name: 'portal',
  description: 'concurrent client portal sessions browsing and uploading small files for 60 s: p95 per page, errors',
  defaultSize: 100,
  async run({ size, services, dbName, log }) {
    await mongoose.connect(services.mongodbUri, { dbName });
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    const connection = await connectTemporal(services.temporalAddress);
    const temporal = new Client({ connection, namespace: TEST_NAMESPACE });
    const web = await startBenchWebApp({ temporal, dbName, log });
    const now = new Date();
    const clients: { cookie: string; csrf: string; caseId: string; token: string; formId: string }[] = [];
    // Home lists each client's tasks and forms: every client has a template's tasks and the demo questionnaire.
    const template = await saveFormTemplate({ name: 'Bench questionnaire', intake: false, fields: DEMO_FORM_FIELDS, actor: ACTOR });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    log(`making ${size} clients with a case, messages, tasks, a form and a portal link each`);
    for (let i = 0; i < size; i++) {
      const created = await createContact({ input: { firstName: 'Bench', lastName: `Client${i}`, phones: [{ raw: `+1720${3_000_001 + i}`, type: 'mobile', primary: true }] }, actor: ACTOR, region: 'US' });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      const contactId = created.contact._id;
      const kase = await Case.create({ number: `2026-8${String(i).padStart(5, '0')}`, title: `Bench v. Portal ${i}`, stage: 'discovery' });
      await linkContactToCase({ caseId: kase._id, contactId, role: 'client', actor: ACTOR });
      for (let m = 0; m < 5; m++) await postClientMessage({ contactId, caseId: kase._id, scope: [kase._id], body: `Earlier message ${m}` });
      await createTasksFromTemplate({ caseId: kase._id, templateKey: 'personal-injury-intake', clientId: String(contactId), staffId: String(ACTOR.id), actor: ACTOR }).catch(() => undefined);
      const sent = await sendFormToContact({ caseId: kase._id, templateId: String(template.version.templateId), contactId: String(contactId), actor: ACTOR });
      if (!sent.ok) throw new Error(JSON.stringify(sent.errors));
      const linkId = new Types.ObjectId();
      await insertPortalLink({ _id: linkId, contactId, caseIds: [kase._id], sentBy: ACTOR, channel: 'sms', to: `+1720${3_000_001 + i}`, createdAt: now, expiresAt: new Date(now.getTime() + 7 * 86_400_000) });
      const token = newPortalToken();
      await insertPortalToken(token, linkId, now);
      const sessionToken = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      await insertPortalSession({ _id: hashSessionToken(sessionToken), linkId, contactId, caseIds: [kase._id], csrfToken: csrf, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 7 * 86_400_000), device: 'bench' });
      clients.push({ cookie: `${portalCookieName()}=${sessionToken}`, csrf, caseId: String(kase._id), token, formId: String(sent.request._id) });
    }

    const times = new Map<Kind, number[]>();
    let errors = 0;
    let requests = 0;
    const errorSamples: string[] = [];
    async function timed(kind: Kind, run: () => Promise<Response>, ok: (status: number) => boolean = (s) => s === 200) {
      const t = performance.now();
      let status = 0;
      try {
        const res = await run();
        status = res.status;
        await res.arrayBuffer();
      } catch (err) {
        errorSamples.push(`${kind}: ${(err as Error).message}`);
      }
      const ms = performance.now() - t;
      requests++;
      if (!ok(status)) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${kind}: HTTP ${status}`);
      }
      if (!times.has(kind)) times.set(kind, []);
      times.get(kind)!.push(ms);
    }
    const get = (c: (typeof clients)[number], path: string) => fetch(web.url + path, { headers: { Cookie: c.cookie }, redirect: 'manual' });

    // Opening a link as a phone does, for 10 clients (the per-address limit allows this many).
    for (const c of clients.slice(0, 10)) {
      await timed('open link', async () => {
        const landing = await fetch(`${web.url}/portal/link/${c.token}`);
        const key = /name="_key" value="([^"]+)"/.exec(await landing.text())?.[1] ?? '';
        return fetch(`${web.url}/portal/link/${c.token}`, { method: 'POST', redirect: 'manual', headers: { Cookie: landing.headers.getSetCookie()[0]?.split(';')[0] ?? '', Origin: 'null' }, body: new URLSearchParams({ _key: key }) });
      }, (s) => s === 303);
    }

    // Each session as a person on a phone: a page, a moment to read it (0.5 to 1.5 s), the next page.
    async function browse(seconds: number, thinkMs: () => number) {
      const until = Date.now() + seconds * 1000;
      await Promise.all(
        clients.map(async (c, n) => {
          const think = () => new Promise((r) => setTimeout(r, thinkMs()));
          await think(); // people arrive over the first moments, not all in the same millisecond
          for (let round = n % 5; Date.now() < until; round++) {
            await timed('home', () => get(c, '/portal'));
            await think();
            await timed('documents', () => get(c, '/portal/documents'));
            await think();
            await timed('messages', () => get(c, `/portal/cases/${c.caseId}/messages`));
            await think();
            await timed('appointments', () => get(c, '/portal/appointments'));
            await think();
            await timed('form', () => get(c, `/portal/forms/${c.formId}`));
            await think();
            // Answers saved as they are typed (the page's script posts them after a pause in typing).
            await timed('save answers', () => fetch(`${web.url}/portal/forms/${c.formId}/draft`, { method: 'POST', headers: { Cookie: c.cookie, Origin: 'null', 'X-CSRF-Token': c.csrf, Accept: 'application/json' }, body: new URLSearchParams({ first_name: 'Bench', what_happened: `Typed in round ${round}` }) }));
            await think();
            if (round % 5 === 0) {
              await timed('send message', () => fetch(`${web.url}/portal/cases/${c.caseId}/messages`, { method: 'POST', redirect: 'manual', headers: { Cookie: c.cookie, Origin: 'null' }, body: new URLSearchParams({ _csrf: c.csrf, body: `Bench message ${round}` }) }), (s) => s === 303);
              const form = new FormData();
              form.append('_csrf', c.csrf);
              form.append('caseId', c.caseId);
              form.append('files', new Blob([JPEG], { type: 'image/jpeg' }), `photo-${round}.jpg`);
              await timed('upload', () => fetch(`${web.url}/portal/documents`, { method: 'POST', headers: { Cookie: c.cookie, Origin: 'null' }, body: form }));
              await think();
            }
          }
        }),
      );
    }
    log(`${size} sessions browsing for ${SECONDS} s, reading each page 0.5 to 1.5 s`);
    const started = performance.now();
    await browse(SECONDS, () => 500 + Math.random() * 1000);
    const seconds = (performance.now() - started) / 1000;
    const browsingRequests = requests;
    const browsing = new Map([...times.entries()].map(([k, v]) => [k, [...v]]));
    // Then flat out, nobody reading: what the server can take (the ceiling, not a goal).
    log(`${size} sessions flat out for ${FLAT_OUT_SECONDS} s`);
    times.clear();
    const before = requests;
    const flatStarted = performance.now();
    await browse(FLAT_OUT_SECONDS, () => 0);
    const flatSeconds = (performance.now() - flatStarted) / 1000;
    const flat = [...times.values()].flat();
    if (errorSamples.length) log(`errors, first few: ${errorSamples.join('; ')}`);
    await web.close();
    await connection.close();
    await mongoose.disconnect();
    const all = [...browsing.values()].flat();
    return [
      ...[...browsing.entries()].map(([kind, ms]) => ({ metric: `${kind} p95`, value: round(percentile(ms, 95)), unit: 'ms' })),
      { metric: 'all pages p50', value: round(percentile(all, 50)), unit: 'ms' },
      { metric: 'all pages p95', value: round(percentile(all, 95)), unit: 'ms' },
      { metric: 'requests/s while browsing', value: round(browsingRequests / seconds), unit: 'req/s' },
      { metric: 'flat out: requests/s', value: round((requests - before) / flatSeconds), unit: 'req/s' },
      { metric: 'flat out: p95', value: round(percentile(flat, 95)), unit: 'ms' },
      { metric: 'errors', value: errors, unit: 'requests' },
    ];
  },
};
