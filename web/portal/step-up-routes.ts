import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { Types } from 'mongoose';
import { codeMatches } from '../../activities/portal/mint-step-up-code';
import { optedOutNumbersOf } from '../../activities/outbox/opted-out-numbers';
import { queueMessage } from '../../activities/outbox/queue-message';
import { findContact } from '../../db/contacts/contacts';
import { findPortalLink } from '../../db/portal/portal-links';
import { clearStepUpCode, countStepUpFailure, endPortalSession, findPortalSession, markStepUpPassed, requestStepUpCode } from '../../db/portal/portal-sessions';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { maskRecipient, otherChannel, readTypedCode, STEP_UP_CODE_MINUTES, STEP_UP_CODE_SLOT, STEP_UP_RESEND_SECONDS } from '../../domain/portal/step-up-code';
import { startMessageDelivery } from '../../temporal/deliver-message';
import type { PortalEnv } from './portal-env';
import { renderPortal } from './render-portal';

// The firm's optional extra check before documents are shown (PORTAL_STEP_UP):
// phone-last4, the last four digits of a phone on file; or one-time-code, a
// code sent over the other channel than the link's (domain/portal/step-up-code.ts).
// Five wrong answers end the session; the contact then needs a new link.
const MAX_FAILURES = 5;

const stepUpMode = (c: Context<PortalEnv>) => c.get('services').portalStepUp ?? config.PORTAL_STEP_UP;

export const requireStepUp: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (stepUpMode(c) === 'none' || c.get('visitor')?.stepUpAt) return next();
  return c.redirect(`/portal/confirm?next=${encodeURIComponent(c.req.path)}`, 303);
};

export const portalStepUpRoutes = new Hono<PortalEnv>();

const safeNext = (next: string | undefined) => (next && /^\/portal\/[a-z/0-9]*$/.test(next) ? next : '/portal/documents');

/** Where this session's code goes: the contact's first address on the other channel than the link's, if they have one that may be used. */
async function codeDestination(c: Context<PortalEnv>): Promise<{ channel: 'email' | 'sms'; to?: string }> {
  const visitor = c.get('visitor')!;
  const [link, contact] = await Promise.all([findPortalLink(visitor.linkId), findContact(visitor.contactId)]);
  const channel = otherChannel((link?.channel as 'email' | 'sms' | undefined) ?? 'sms');
  if (!contact) return { channel };
  const state = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) })[channel];
  return { channel, to: state.available ? state.recipients[0]?.value : undefined };
}

/** The one-time code page: where the code goes, the form once one was sent, and when a new one may be asked for. */
async function codePage(c: Context<PortalEnv>, next: string, o: { wrong?: boolean; tooSoon?: boolean; status?: number } = {}) {
  const visitor = c.get('visitor')!;
  const now = new Date();
  const [destination, session] = await Promise.all([codeDestination(c), findPortalSession(visitor.sessionId)]);
  const request = session?.stepUpCode && session.stepUpCode.expiresAt > now ? session.stepUpCode : undefined;
  return renderPortal(
    c,
    'portal/step-up-code',
    {
      title: 'stepUp',
      next,
      channel: destination.channel,
      masked: destination.to ? maskRecipient(destination.channel, destination.to) : undefined,
      sent: request ? maskRecipient(request.channel, request.to) : undefined,
      canResend: !request || now.getTime() - request.sentAt.getTime() >= STEP_UP_RESEND_SECONDS * 1000,
      minutes: STEP_UP_CODE_MINUTES,
      ...o,
    },
    o.status ?? 200,
  );
}

portalStepUpRoutes.get('/', (c) => {
  const next = safeNext(c.req.query('next'));
  if (stepUpMode(c) === 'one-time-code') return codePage(c, next);
  return renderPortal(c, 'portal/step-up', { title: 'stepUp', next });
});

/** Sends a code (a POST: a link preview or mail scanner fetching the page sends nothing). */
portalStepUpRoutes.post('/send', async (c) => {
  if (stepUpMode(c) !== 'one-time-code') return c.redirect('/portal/confirm', 303);
  const visitor = c.get('visitor')!;
  const body = await c.req.parseBody();
  const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
  const now = new Date();
  const session = await findPortalSession(visitor.sessionId);
  const last = session?.stepUpCode;
  if (last && last.expiresAt > now && now.getTime() - last.sentAt.getTime() < STEP_UP_RESEND_SECONDS * 1000) return codePage(c, next, { tooSoon: true, status: 429 });
  const destination = await codeDestination(c);
  if (!destination.to) return codePage(c, next, { status: 409 });
  const messageId = new Types.ObjectId();
  // The request is recorded first: the send step makes the code only for the session's newest request.
  await requestStepUpCode(visitor.sessionId, { channel: destination.channel, to: destination.to, sentAt: now, expiresAt: new Date(now.getTime() + STEP_UP_CODE_MINUTES * 60_000), messageId });
  const queued = await queueMessage({ contactId: visitor.contactId, channel: destination.channel, to: destination.to, subject: `Your ${config.FIRM_NAME} portal code`, body: STEP_UP_CODE_SLOT, purpose: 'portal-code', messageId, stepUpSessionId: visitor.sessionId }, now);
  if (!queued.ok) {
    await clearStepUpCode(visitor.sessionId);
    return codePage(c, next, { status: 409 });
  }
  const services = c.get('services');
  await startMessageDelivery(services.temporal, { messageId: queued.messageId, taskQueue: services.taskQueue, channel: destination.channel, purpose: 'portal-code' });
  return c.redirect(`/portal/confirm?next=${encodeURIComponent(next)}`, 303);
});

portalStepUpRoutes.post('/', async (c) => {
  const visitor = c.get('visitor')!;
  const body = await c.req.parseBody();
  const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
  const oneTimeCode = stepUpMode(c) === 'one-time-code';
  if (oneTimeCode ? await codeIsRight(visitor.sessionId, String(body.code ?? '')) : await lastFourOnFile(visitor.contactId, String(body.digits ?? ''))) {
    await markStepUpPassed(visitor.sessionId, new Date());
    if (oneTimeCode) await clearStepUpCode(visitor.sessionId); // used once
    return c.redirect(next, 303);
  }
  if ((await countStepUpFailure(visitor.sessionId)) >= MAX_FAILURES) {
    await endPortalSession(visitor.sessionId, new Date());
    return renderPortal(c, 'portal/ended', { title: 'ended' }, 401);
  }
  if (oneTimeCode) return codePage(c, next, { wrong: true, status: 422 });
  return renderPortal(c, 'portal/step-up', { title: 'stepUp', next, wrong: true }, 422);
});

async function lastFourOnFile(contactId: Types.ObjectId, typed: string): Promise<boolean> {
  const digits = typed.replace(/\D/g, '');
  const contact = await findContact(contactId);
  const onFile = (contact?.phones ?? []).map((p) => (p.e164 ?? p.raw ?? '').replace(/\D/g, '')).filter((d) => d.length >= 4);
  return digits.length === 4 && onFile.some((d) => d.endsWith(digits));
}

async function codeIsRight(sessionId: string, typed: string): Promise<boolean> {
  const code = readTypedCode(typed);
  const request = (await findPortalSession(sessionId))?.stepUpCode;
  if (!code || !request || request.expiresAt <= new Date()) return false;
  return codeMatches(sessionId, code, request.hashes ?? []);
}
