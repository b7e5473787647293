// A staff member and a client's phone on an outbox rig, for the tests that go
// through the portal: staff log in and post forms; a link texted to the
// client is read from the capture server and opened as a phone would (the
// landing page, then Continue).
import { expect } from 'vitest';
import { portalCookieName } from '../../web/portal/portal-cookie';
import { eventually, type OutboxRig } from './outbox-rig';
import { logInCookie, TEST_ADMIN } from './web-server';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

export type StaffAgent = Awaited<ReturnType<typeof staffAgent>>;

export async function staffAgent(rig: OutboxRig, who = TEST_ADMIN) {
  const url = (p: string) => rig.web.url + p;
  const cookie = await logInCookie(rig.web.url, who);
  const page = await (await fetch(url('/contacts'), { headers: { Cookie: cookie } })).text();
  const csrf = /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]!;
  return {
    cookie,
    csrf,
    get: (path: string) => fetch(url(path), { redirect: 'manual', headers: { Cookie: cookie } }),
    post: (path: string, body: Record<string, string | string[]>) => {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) form.append(k, x);
      form.set('_csrf', csrf);
      return fetch(url(path), { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: rig.web.url }, body: form });
    },
  };
}

/** Every portal token texted to a number so far. */
export async function tokensTextedTo(rig: OutboxRig, to: string): Promise<string[]> {
  return (await rig.captured()).filter((m) => m.to === to).flatMap((m) => /\/portal\/link\/([A-Za-z0-9_-]{43})/.exec(m.text ?? '')?.[1] ?? []);
}

/** Staff share a portal link to the case by SMS; returns the token the phone received. */
export async function shareLinkByText(rig: OutboxRig, staff: StaffAgent, o: { contactId: string; caseId: string; phone: string }): Promise<string> {
  const before = await tokensTextedTo(rig, o.phone);
  const res = await staff.post(`/contacts/${o.contactId}/portal-links`, { caseIds: o.caseId, channel: 'sms', to_sms: o.phone, lifetime: '7d', back: `/cases/${o.caseId}?tab=portal` });
  expect(res.status).toBe(303);
  return eventually(async () => (await tokensTextedTo(rig, o.phone)).find((t) => !before.includes(t)), `a portal text to ${o.phone}`);
}

/** A phone opens a link: landing page, then Continue. Returns its portal session, with the page's CSRF token. */
export async function openOnPhone(rig: OutboxRig, token: string) {
  const url = (p: string) => rig.web.url + p;
  const landing = await fetch(url(`/portal/link/${token}`));
  const key = /name="_key" value="([^"]+)"/.exec(await landing.text())![1]!;
  const keyCookie = landing.headers.getSetCookie()[0]!.split(';')[0]!;
  const res = await fetch(url(`/portal/link/${token}`), { method: 'POST', redirect: 'manual', headers: { Cookie: keyCookie, Origin: 'null', 'User-Agent': IPHONE }, body: new URLSearchParams({ _key: key }) });
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${portalCookieName()}=`))!.split(';')[0]!;
  const home = await (await fetch(url('/portal'), { headers: { Cookie: cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)![1]!;
  return {
    cookie,
    csrf,
    get: (path: string) => fetch(url(path), { redirect: 'manual', headers: { Cookie: cookie } }),
    post: (path: string, body: Record<string, string> | FormData, o: { csrf?: string | null } = {}) => {
      const form = body instanceof FormData ? body : new URLSearchParams(body);
      if (o.csrf !== null && !(body instanceof FormData)) (form as URLSearchParams).set('_csrf', o.csrf ?? csrf);
      return fetch(url(path), { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'null' }, body: form });
    },
  };
}
