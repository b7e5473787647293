import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requestBundle, type BundleScope } from '../../activities/bundles/request-bundle';
import { config } from '../../config/config';
import { findBundle, markBundleCancelRequested, markBundleRevoked } from '../../db/bundles/bundles';
import { findBundleLinkByToken } from '../../db/bundles/bundle-links';
import { audit } from '../../db/audit';
import type { BundleDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';
import { cancelBundleWorkflow, revokeBundleWorkflow, startBundleDocuments } from '../../temporal/bundle-documents';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validQuery } from '../validation';
import { bundleRegion, bundleRequestUrl, bundleScopeUrl, bundleState, scopeOf, type BundleScopeRef } from './bundle-view';
import { loadCase } from '../cases/routes';
import { serveBundleFile } from './serve-bundle-file';
import { requestAddress } from '../auth/client-address';

/**
 * Download All: asking for a bundle of a contact's or a case's documents,
 * its self-refreshing status region (progress, cancel, the download that
 * starts by itself), the download, and the emailed link.
 */
export const bundleRoutes = new Hono<AppEnv>();

const statusQuery = z.object({ polling: z.enum(['1']).optional().catch(undefined) });

async function loadBundle(id: string): Promise<BundleDoc> {
  const bundle = await findBundle(id);
  if (!bundle) throw new AppError('NOT_FOUND', 'There is no such bundle.');
  return bundle;
}

function renderStatus(c: Context<AppEnv>, scope: BundleScopeRef, bundle: BundleDoc | null, extra: Record<string, unknown> = {}, status = 200) {
  return render(c, 'bundles/status', { ...bundleRegion(scope, bundle), ...extra }, status);
}

async function askForBundle(c: Context<AppEnv>, scope: BundleScope, ref: BundleScopeRef) {
  const user = c.get('user')!;
  const asked = await requestBundle({ scope, actor: user, from: requestAddress(c), lifetimeMs: c.get('services').bundleLifetimeMs ?? config.BUNDLE_LIFETIME_SECONDS * 1000 });
  if (!asked.ok) {
    if (!isHtmx(c)) throw new AppError('BAD_REQUEST', asked.reason);
    return renderStatus(c, ref, null, { problem: asked.reason }, 422);
  }
  await startBundleDocuments(c.get('services').temporal, { bundleId: String(asked.bundleId), taskQueue: c.get('services').taskQueue, actorId: String(user.id), scope: ref.kind });
  if (!isHtmx(c)) return c.redirect(bundleScopeUrl(ref), 303);
  return renderStatus(c, ref, await findBundle(asked.bundleId), { polling: true, reused: asked.reused });
}

bundleRoutes.post('/contacts/:contactId/bundles', async (c) => {
  const contact = await loadContact(c.req.param('contactId'));
  return askForBundle(c, { kind: 'contact', contact }, { kind: 'contact', id: String(contact._id) });
});

bundleRoutes.post('/cases/:caseId/bundles', async (c) => {
  const kase = await loadCase(c.req.param('caseId'));
  return askForBundle(c, { kind: 'case', kase }, { kind: 'case', id: String(kase._id) });
});

/** The region polls itself here while the bundle is made; the answer that first finds it ready starts the download. */
bundleRoutes.get('/bundles/:id/status', validQuery(statusQuery), async (c) => {
  const bundle = await loadBundle(c.req.param('id'));
  if (!isHtmx(c)) return c.redirect(bundleScopeUrl(scopeOf(bundle)), 303);
  return renderStatus(c, scopeOf(bundle), bundle, { polling: true, autoDownload: c.req.valid('query').polling === '1' });
});

bundleRoutes.post('/bundles/:id/cancel', async (c) => {
  const bundle = await loadBundle(c.req.param('id'));
  if (bundle.status === 'preparing') {
    // Noted first, so every refresh of the region says "Cancelling…" until the workflow has stopped.
    await markBundleCancelRequested(bundle._id, new Date());
    await cancelBundleWorkflow(c.get('services').temporal, String(bundle._id));
  }
  if (!isHtmx(c)) return c.redirect(bundleScopeUrl(scopeOf(bundle)), 303);
  return renderStatus(c, scopeOf(bundle), await findBundle(bundle._id), { polling: true });
});

/** Revoking: the link and the download stop working at once (every request checks), and the workflow deletes the file. */
bundleRoutes.post('/bundles/:id/revoke', async (c) => {
  const bundle = await loadBundle(c.req.param('id'));
  const user = c.get('user')!;
  if (!bundle.revokedAt && (bundle.status === 'ready' || bundle.status === 'preparing')) {
    await markBundleRevoked(bundle._id, { id: user.id, name: user.name }, new Date());
    await audit(user, 'bundle.revoke-link', { type: 'Bundle', id: bundle._id }, { from: requestAddress(c) });
    if (bundle.status === 'preparing') await cancelBundleWorkflow(c.get('services').temporal, String(bundle._id));
    else await revokeBundleWorkflow(c.get('services').temporal, String(bundle._id));
  }
  if (!isHtmx(c)) return c.redirect(bundleScopeUrl(scopeOf(bundle)), 303);
  return renderStatus(c, scopeOf(bundle), await findBundle(bundle._id));
});

/** Why a bundle cannot be downloaded now; undefined when it can. Every request asks, whatever the workflow has done yet. */
type Refusal = { kind: 'revoked'; by?: string; at?: Date } | { kind: 'expired'; at: Date } | { kind: 'preparing' } | { kind: 'unavailable'; reason: string };

function refusal(bundle: BundleDoc, now: Date, link?: { expiresAt: Date }): Refusal | undefined {
  const state = link && link.expiresAt <= now ? 'expired' : bundleState(bundle, now);
  if (state === 'revoked') return { kind: 'revoked', by: bundle.revokedBy?.name, at: bundle.revokedAt ?? bundle.endedAt };
  if (state === 'expired') return { kind: 'expired', at: link?.expiresAt ?? bundle.expiresAt ?? bundle.endedAt ?? now };
  if (state === 'preparing') return { kind: 'preparing' };
  if (state !== 'ready' || !bundle.storageKey) return { kind: 'unavailable', reason: bundle.statusReason ?? `The bundle was ${bundle.status}.` };
  return undefined;
}

const REFUSAL_TITLES: Record<Refusal['kind'], string> = { revoked: 'This link was revoked', expired: 'This link has expired', preparing: 'Not ready yet', unavailable: 'This bundle is not available' };

function renderRefused(c: Context<AppEnv>, bundle: BundleDoc, why: Refusal) {
  // The app's own policy (same-origin), not no-referrer: with no-referrer the browser posts its
  // "Make a new bundle" form with Origin: null, which the CSRF check rightly refuses. Nothing
  // leaves the origin either way.
  c.header('Referrer-Policy', 'same-origin');
  return render(c, 'bundles/refused', { title: REFUSAL_TITLES[why.kind], why, bundle, requestUrl: bundleRequestUrl(scopeOf(bundle)), scopeUrl: bundleScopeUrl(scopeOf(bundle)) }, why.kind === 'preparing' ? 409 : 410);
}

bundleRoutes.get('/bundles/:id/download', async (c) => {
  const bundle = await loadBundle(c.req.param('id'));
  const why = refusal(bundle, new Date());
  if (why) return renderRefused(c, bundle, why);
  return serveBundleFile(c, bundle, 'page');
});

/** The emailed link: a staff session is needed (requireSession sends a signed-out person to log in and back here). */
bundleRoutes.get('/bundles/link/:token', async (c) => {
  const link = await findBundleLinkByToken(c.req.param('token'));
  const bundle = link ? await findBundle(link.bundleId) : null;
  if (!link || !bundle) return render(c, 'errors/page', { title: 'Link not valid', status: 404, message: 'This download link is not valid. Check that the whole link was copied from the email.' }, 404);
  const why = refusal(bundle, new Date(), link);
  if (why) return renderRefused(c, bundle, why);
  return serveBundleFile(c, bundle, 'link');
});
