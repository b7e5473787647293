// Everything a portal page reads goes through the visitor's scope: their
// contact, and the cases of their link that they are still on. A case id,
// document id or appointment id in a portal URL is only ever looked up
// inside that scope, so no URL reaches another contact's or case's data.
import { Types } from 'mongoose';
import type { PortalVisitor } from '../../activities/portal/resolve-portal-session';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import type { CaseDoc, ContactDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';

export type PortalScope = { contact: ContactDoc; cases: CaseDoc[] };

export async function portalScope(visitor: PortalVisitor): Promise<PortalScope> {
  const contact = await findContact(visitor.contactId);
  if (!contact) throw new AppError('NOT_FOUND', 'error.notFound');
  const cases = (await Promise.all(visitor.caseIds.map((id) => findCase(id)))).filter((k): k is CaseDoc => Boolean(k && k.contacts.some((l) => l.contactId.equals(visitor.contactId))));
  return { contact, cases };
}

/** One case of the scope by the id in a URL; anything else is "not found", whatever exists elsewhere. */
export function caseInScope(scope: PortalScope, id: string | undefined): CaseDoc {
  const kase = id && Types.ObjectId.isValid(id) ? scope.cases.find((k) => k._id.equals(id)) : undefined;
  if (!kase) throw new AppError('NOT_FOUND', 'error.notFound');
  return kase;
}
