// Download All, asked for by a staff member: the set of documents is fixed
// now, a bundle record is made, and the caller starts BundleDocumentsWorkflow
// (temporal/bundle-documents.ts). Asking again while that bundle is still
// being made returns the same bundle; nothing to bundle is said plainly.
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findBundle, insertBundle } from '../../db/bundles/bundles';
import { bundleRequestId, claimBundleRequest, latestBundleId } from '../../db/bundles/bundle-requests';
import type { CaseDoc, ContactDoc } from '../../db/models/index';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { safeZipSegment } from '../../domain/bundles/zip-entry-names';
import { caseBundleEntries, contactBundleEntries } from './bundle-contents';

export type BundleScope = { kind: 'contact'; contact: ContactDoc } | { kind: 'case'; kase: CaseDoc };
export type RequestBundleResult = { ok: true; bundleId: Types.ObjectId; reused: boolean } | { ok: false; reason: string };

/** `from` is where the request came from (the client's address), for the audit trail. */
export async function requestBundle(o: { scope: BundleScope; actor: Actor; lifetimeMs: number; from?: string }, now = new Date()): Promise<RequestBundleResult> {
  const scopeId = o.scope.kind === 'contact' ? o.scope.contact._id : o.scope.kase._id;
  const label = o.scope.kind === 'contact' ? displayName(o.scope.contact) : `${o.scope.kase.number} ${o.scope.kase.title}`;
  const requestId = bundleRequestId(o.scope.kind, scopeId, o.actor.id);
  for (let tries = 0; tries < 3; tries++) {
    const latest = await latestBundleId(requestId);
    const previous = latest ? await findBundle(latest) : null;
    // Still being made (or just claimed by a request that is writing it now): that one, not a second.
    if (latest && (!previous || previous.status === 'preparing')) return { ok: true, bundleId: latest, reused: true };

    const entries = o.scope.kind === 'contact' ? await contactBundleEntries(o.scope.contact) : await caseBundleEntries(o.scope.kase);
    if (!entries.length) {
      return { ok: false, reason: o.scope.kind === 'contact' ? `${label} has no documents yet: there is nothing to download.` : `Case ${o.scope.kase.number} and its contacts have no documents yet: there is nothing to download.` };
    }
    const bundleId = new Types.ObjectId();
    if (!(await claimBundleRequest(requestId, bundleId, latest, now))) continue; // another click got there first: reuse its bundle
    const day = now.toISOString().slice(0, 10);
    await insertBundle(
      {
        _id: bundleId,
        scope: { kind: o.scope.kind, id: scopeId, label },
        requestedBy: { id: o.actor.id, name: o.actor.name },
        fileName: `${safeZipSegment(`${label} documents ${day}`, 'documents')}.zip`,
        totalFiles: entries.length,
        totalBytes: entries.reduce((sum, e) => sum + e.size, 0),
        lifetimeMs: o.lifetimeMs,
      },
      entries,
      now,
    );
    await audit(o.actor, 'bundle.request', { type: 'Bundle', id: bundleId }, { scope: o.scope.kind, scopeId: String(scopeId), files: entries.length, from: o.from });
    return { ok: true, bundleId, reused: false };
  }
  throw new Error('Could not claim the bundle request after three tries');
}
