// The case page's Documents tab: the case's own documents, and the
// documents of every contact linked to it, grouped by contact with their
// role and filterable by kind and contact. Tab, sub-tab and filters live in
// the query string, so a view can be shared or bookmarked.
import type { Types } from 'mongoose';
import { z } from 'zod';
import { config } from '../../config/config';
import { findContacts } from '../../db/contacts/contacts';
import { caseOwnDocuments, contactDocuments } from '../../db/documents/documents';
import type { CaseDoc, ContactDoc, DocumentDoc } from '../../db/models/index';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, documentKindOf } from '../../domain/documents/document-kinds';
import { latestBundleRegion } from '../bundles/bundle-view';

export const CASE_TABS = ['contacts', 'documents', 'tasks', 'forms', 'portal', 'appointments'] as const;
export const DOCUMENT_SUB_TABS = ['case', 'contact'] as const;

export const caseDocumentsQuery = z.object({
  tab: z.enum(CASE_TABS).catch('contacts').default('contacts'),
  sub: z.enum(DOCUMENT_SUB_TABS).catch('case').default('case'),
  type: z.enum(DOCUMENT_KINDS).optional().catch(undefined),
  contact: z.string().regex(/^[0-9a-f]{24}$/).optional().catch(undefined),
});
export type CaseDocumentsQuery = z.infer<typeof caseDocumentsQuery>;

// A contact with more documents shows its newest this many here; the contact's profile has the rest.
const PER_CONTACT = 200;

export type ContactDocumentGroup = { contact: ContactDoc; role: string; documents: DocumentDoc[]; total: number };

/** The Documents tab's data; `staffId` adds the Download All region (the whole tab shows it; a reloaded sub-tab panel does not). */
export async function caseDocumentsView(kase: CaseDoc, query: CaseDocumentsQuery, o: { staffId?: Types.ObjectId } = {}) {
  const links = kase.contacts;
  const contacts = new Map((await findContacts(links.map((l) => l.contactId))).filter((c) => !c.mergedInto).map((c) => [String(c._id), c]));
  const linked = links.flatMap((l) => (contacts.has(String(l.contactId)) ? [{ contact: contacts.get(String(l.contactId))!, role: l.role }] : []));
  const keep = (d: DocumentDoc) => !query.type || documentKindOf(d.mimeType) === query.type;
  const own = await caseOwnDocuments(kase._id);
  const bundleRegion = o.staffId ? await latestBundleRegion({ kind: 'case', id: String(kase._id) }, o.staffId) : undefined;
  let groups: ContactDocumentGroup[] = [];
  if (query.sub === 'contact') {
    const shown = query.contact ? linked.filter((l) => String(l.contact._id) === query.contact) : linked;
    groups = await Promise.all(
      shown.map(async (l) => {
        const docs = await contactDocuments(l.contact._id as Types.ObjectId, PER_CONTACT);
        return { contact: l.contact, role: l.role, documents: docs.filter(keep), total: docs.length };
      }),
    );
  }
  return {
    query,
    ownDocuments: own.filter(keep),
    ownTotal: own.length,
    groups,
    linked,
    displayName,
    kinds: DOCUMENT_KINDS,
    kindLabels: DOCUMENT_KIND_LABELS,
    kindOf: documentKindOf,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    bundleRegion,
    tabUrl: (q: Partial<CaseDocumentsQuery>) => caseTabUrl(kase._id, { ...query, ...q }),
  };
}

/** The address of a tab, sub-tab and filter of a case's page. */
export function caseTabUrl(caseId: Types.ObjectId | string, q: Partial<CaseDocumentsQuery>): string {
  const params = new URLSearchParams();
  if (q.tab && q.tab !== 'contacts') params.set('tab', q.tab);
  if (q.tab === 'documents') {
    params.set('sub', q.sub ?? 'case');
    if (q.sub === 'contact' && q.contact) params.set('contact', q.contact);
    if (q.type) params.set('type', q.type);
  }
  const s = params.toString();
  return `/cases/${caseId}${s ? `?${s}` : ''}`;
}
