// The visitor's forms: those sent to their contact on the cases of their
// link. A form id in a portal URL is only looked up among these.
import { Types } from 'mongoose';
import { findFormRequest, formRequestsOfContact } from '../../db/forms/form-requests';
import type { FormRequestDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';
import type { PortalScope } from './portal-scope';

export async function portalForms(scope: PortalScope): Promise<{ open: FormRequestDoc[]; sent: FormRequestDoc[] }> {
  const all = await formRequestsOfContact(scope.contact._id, scope.cases.map((k) => k._id));
  const now = Date.now();
  return { open: all.filter((r) => r.status === 'open' && r.expiresAt.getTime() > now), sent: all.filter((r) => r.status === 'submitted').slice(0, 10) };
}

export async function portalForm(scope: PortalScope, id: string): Promise<FormRequestDoc> {
  const request = Types.ObjectId.isValid(id) ? await findFormRequest(new Types.ObjectId(id)) : null;
  if (!request || !request.contactId?.equals(scope.contact._id) || !scope.cases.some((k) => k._id.equals(request.caseId)) || request.status === 'cancelled') throw new AppError('NOT_FOUND', 'error.notFound');
  return request;
}
