import { Hono } from 'hono';
import { Types } from 'mongoose';
import { z } from 'zod';
import { extendPortalLink, revokePortalLink } from '../../activities/portal/change-portal-link';
import { portalLinkMessage, portalUrl, sharePortalLink } from '../../activities/portal/share-portal-link';
import { optedOutNumbersOf } from '../../activities/outbox/opted-out-numbers';
import { casesOfContact } from '../../db/cases/cases';
import { findPortalLink, portalLinksOfCase, portalLinksOfContact } from '../../db/portal/portal-links';
import type { ContactDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { DEFAULT_PORTAL_LINK_LIFETIME, PORTAL_LINK_LIFETIME_MS, PORTAL_LINK_LIFETIMES, type PortalLinkLifetime } from '../../domain/portal/portal-link-lifetimes';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { extendPortalLinkWorkflow, revokePortalLinkWorkflow, startPortalLinkWorkflow } from '../../temporal/portal-link';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { portalLinkRows, portalLinkViewHelpers } from './portal-link-view';

/**
 * Share Link (staff): a page that works without JavaScript, reached from the
 * case page (beside each linked contact) and the profile. Choose the cases,
 * SMS or email (prefilled from the contact's preferred channel and primary
 * phone and email; a blocked channel disabled with its reason), how long it
 * works, preview the message, send it through the outbox. Mounted under
 * /contacts/:contactId/portal-links.
 */
export const contactPortalLinkRoutes = new Hono<AppEnv>();

const objectId = z.string().refine((s) => Types.ObjectId.isValid(s));
const shareForm = z.object({
  caseIds: z.union([objectId, z.array(objectId)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  channel: z.enum(['sms', 'email']).catch('sms'),
  to_sms: z.string().max(320).optional(),
  to_email: z.string().max(320).optional(),
  lifetime: z.enum(PORTAL_LINK_LIFETIMES).catch(DEFAULT_PORTAL_LINK_LIFETIME),
  back: z.string().max(300).optional(),
});
type ShareState = { caseIds: string[]; channel: 'sms' | 'email'; to: { sms?: string; email?: string }; lifetime: PortalLinkLifetime; back: string; errors: Record<string, string>; preview?: { body: string; subject: string; link: string; linkExpires: string; channel: 'sms' | 'email' } };

/** Where Share Link returns: the case's Portal tab or the profile, and nowhere else. */
const safeBack = (back: string | undefined, contactId: string) => (back && /^\/(cases|contacts)\/[0-9a-f]{24}(\?tab=portal)?$/.test(back) ? back : `/contacts/${contactId}`);

async function shareView(contact: ContactDoc, state: Partial<ShareState>) {
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const cases = await casesOfContact(contact._id, 100);
  const channel = state.channel && availability[state.channel].available ? state.channel : availability.preferred ?? 'sms';
  return {
    contact,
    cases,
    availability,
    share: {
      caseIds: state.caseIds?.length ? state.caseIds : cases.filter((k) => k.status !== 'closed').map((k) => String(k._id)),
      channel,
      to: { sms: state.to?.sms ?? availability.sms.recipients[0]?.value, email: state.to?.email ?? availability.email.recipients[0]?.value },
      lifetime: state.lifetime ?? DEFAULT_PORTAL_LINK_LIFETIME,
      back: state.back ?? `/contacts/${contact._id}`,
      errors: state.errors ?? {},
      preview: state.preview,
    },
    ...portalLinkViewHelpers,
    displayName,
  };
}

contactPortalLinkRoutes.get('/share', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const caseId = c.req.query('caseId');
  const back = safeBack(c.req.query('back'), String(contact._id));
  return render(c, 'portal-links/share-page', { title: `Share portal link · ${displayName(contact)}`, ...(await shareView(contact, { caseIds: caseId && Types.ObjectId.isValid(caseId) ? [caseId] : undefined, back })) });
});

async function readShare(c: Parameters<typeof render>[0]): Promise<{ contact: ContactDoc; state: ShareState }> {
  const contact = await loadContact(c.req.param('contactId')!);
  const raw = await c.req.parseBody({ all: true });
  const form = shareForm.parse(raw);
  return { contact, state: { caseIds: form.caseIds, channel: form.channel, to: { sms: form.to_sms, email: form.to_email }, lifetime: form.lifetime, back: safeBack(form.back, String(contact._id)), errors: {} } };
}

contactPortalLinkRoutes.post('/preview', async (c) => {
  const { contact, state } = await readShare(c);
  const cases = (await casesOfContact(contact._id, 100)).filter((k) => state.caseIds.includes(String(k._id)));
  const expiresAt = new Date(Date.now() + PORTAL_LINK_LIFETIME_MS[state.lifetime]);
  const message = portalLinkMessage({ contact, cases, channel: state.channel, expiresAt, link: portalUrl(c.get('services').outbox.publicUrl, '••••••••') });
  return render(c, 'portal-links/share-page', { title: `Share portal link · ${displayName(contact)}`, ...(await shareView(contact, { ...state, preview: { ...message, channel: state.channel } })) });
});

contactPortalLinkRoutes.post('/', async (c) => {
  const { contact, state } = await readShare(c);
  const user = c.get('user')!;
  const { services } = c.var;
  const shared = await sharePortalLink({
    contactId: contact._id,
    caseIds: state.caseIds.map((id) => new Types.ObjectId(id)),
    channel: state.channel,
    to: (state.channel === 'sms' ? state.to.sms : state.to.email) ?? '',
    lifetime: state.lifetime,
    actor: { id: user.id, name: user.name },
    publicUrl: services.outbox.publicUrl,
    lifetimeMs: services.portalLinkLifetimeMs,
  });
  if (!shared.ok) {
    const errors = Object.fromEntries(shared.errors.map((e) => [e.field, e.message]));
    return render(c, 'portal-links/share-page', { title: `Share portal link · ${displayName(contact)}`, ...(await shareView(contact, { ...state, errors })) }, 422);
  }
  await startPortalLinkWorkflow(services.temporal, { linkId: shared.linkId, createdAt: new Date(), expiresAt: shared.expiresAt, taskQueue: services.taskQueue, actorId: String(user.id), channel: state.channel });
  await startMessageDelivery(services.temporal, { messageId: shared.messageId, taskQueue: services.taskQueue, actorId: String(user.id), channel: state.channel, purpose: 'portal-link' });
  const back = state.back;
  return c.redirect(`${back}${back.includes('?') ? '&' : '?'}shared=${shared.linkId}#portal`, 303);
});

/** The contact's links (the profile's Client portal card), as a fragment. */
contactPortalLinkRoutes.get('/', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#portal`, 303);
  return render(c, 'portal-links/links', { rows: await portalLinkRows(await portalLinksOfContact(contact._id)), listUrl: `/contacts/${contact._id}/portal-links`, ...portalLinkViewHelpers });
});

/** Revoke and extend, from either list; the answer is the list it came from. Mounted under /portal-links. */
export const portalLinkStaffRoutes = new Hono<AppEnv>();

const changeQuery = z.object({ list: z.string().regex(/^\/(contacts\/[0-9a-f]{24}\/portal-links|cases\/[0-9a-f]{24}\/portal-links)$/).optional().catch(undefined) });

async function answerWithList(c: Parameters<typeof render>[0], list: string | undefined, contactId: Types.ObjectId, message: { ok?: string; error?: string }) {
  const caseId = list?.startsWith('/cases/') ? new Types.ObjectId(list.split('/')[2]) : undefined;
  const links = caseId ? await portalLinksOfCase(caseId) : await portalLinksOfContact(contactId);
  const listUrl = list ?? `/contacts/${contactId}/portal-links`;
  if (!isHtmx(c)) return c.redirect(caseId ? `/cases/${caseId}?tab=portal` : `/contacts/${contactId}#portal`, 303);
  return render(c, 'portal-links/links', { rows: await portalLinkRows(links), listUrl, flash: message, ...portalLinkViewHelpers }, message.error ? 422 : 200);
}

async function loadLink(id: string) {
  const link = Types.ObjectId.isValid(id) ? await findPortalLink(new Types.ObjectId(id)) : null;
  if (!link) throw new AppError('NOT_FOUND', 'There is no such portal link.');
  return link;
}

portalLinkStaffRoutes.post('/:id/revoke', async (c) => {
  const link = await loadLink(c.req.param('id'));
  const user = c.get('user')!;
  const done = await revokePortalLink({ linkId: link._id, actor: { id: user.id, name: user.name } });
  if (done.ok) await revokePortalLinkWorkflow(c.get('services').temporal, String(link._id));
  return answerWithList(c, changeQuery.parse(c.req.query()).list, link.contactId, done.ok ? { ok: 'Link revoked. It no longer opens the portal.' } : { error: done.reason });
});

portalLinkStaffRoutes.post('/:id/extend', async (c) => {
  const link = await loadLink(c.req.param('id'));
  const user = c.get('user')!;
  const body = await c.req.parseBody();
  const by = (PORTAL_LINK_LIFETIMES as readonly string[]).includes(String(body.by)) ? (String(body.by) as PortalLinkLifetime) : '7d';
  const done = await extendPortalLink({ linkId: link._id, by, actor: { id: user.id, name: user.name } });
  if (done.ok && done.expiresAt) await extendPortalLinkWorkflow(c.get('services').temporal, String(link._id), done.expiresAt);
  return answerWithList(c, changeQuery.parse(c.req.query()).list, link.contactId, done.ok ? { ok: 'Link extended.' } : { error: done.reason });
});
