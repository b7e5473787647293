import { Hono } from 'hono';
import { Types } from 'mongoose';
import { z } from 'zod';
import { linkContactToCase, unlinkContactFromCase } from '../../activities/cases/link-contact-to-case';
import { listContactsWithDuplicateCounts } from '../../activities/contacts/list-contacts';
import { config } from '../../config/config';
import { casesOfContact, findCase, findCaseByNumber } from '../../db/cases/cases';
import { listCases } from '../../activities/cases/list-cases';
import { findContacts } from '../../db/contacts/contacts';
import type { CaseDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';
import { CASE_ROLES, CASE_STATUSES } from '../../domain/cases/case-fields';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { contactListQuery, listFilterProblems, NO_CONTACTS, toQueryString } from '../contacts/contacts.schemas';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validForm, validQuery } from '../validation';
import { caseDocumentsQuery, caseDocumentsView, caseTabUrl, type CaseDocumentsQuery } from './case-documents';
import { casePortalTab, caseStageHelpers } from '../portal-links/case-portal-tab';
import { caseAppointmentsTab } from './case-appointments';
import { caseTasksTab, TASK_SAVED_MESSAGES } from '../tasks/case-tasks-tab';
import { caseFormsTab, FORM_SAVED_MESSAGES } from '../forms/case-forms-tab';

export const caseRoutes = new Hono<AppEnv>();

const PAGE = 50;
const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
const linkForm = z.object({ contactId: z.string().refine(Types.ObjectId.isValid, 'Unknown contact'), role: z.enum(CASE_ROLES) });
const linkByNumberForm = z.object({ contactId: z.string().default(''), caseNumber: z.string().trim().default(''), role: z.enum(CASE_ROLES).catch('client') });
const unlinkQuery = z.object({ from: z.enum(['profile']).optional().catch(undefined) });

export async function loadCase(id: string): Promise<CaseDoc> {
  const kase = Types.ObjectId.isValid(id) ? await findCase(new Types.ObjectId(id)) : null;
  if (!kase) throw new AppError('NOT_FOUND', 'There is no case at this address.');
  return kase;
}

caseRoutes.get('/', validQuery(caseListQuery), async (c) => {
  const query = c.req.valid('query');
  const page = query.page ?? 1;
  const { rows, total, source } = await listCases({ status: query.status, q: query.q, page, perPage: PAGE, index: c.get('services').caseIndex });
  c.header('X-Case-List-Source', source);
  return render(c, isHtmx(c) ? 'cases/list' : 'cases/index', { title: 'Cases', cases: rows, total, query, page, pages: Math.max(1, Math.ceil(total / PAGE)), statuses: CASE_STATUSES });
});

async function linkedContacts(kase: CaseDoc) {
  const contacts = await findContacts(kase.contacts.map((l) => l.contactId));
  const byId = new Map(contacts.map((ct) => [String(ct._id), ct]));
  return kase.contacts.map((l) => ({ link: l, contact: byId.get(String(l.contactId)) })).filter((x) => x.contact);
}

caseRoutes.get('/:id', validQuery(caseDocumentsQuery), async (c) => {
  const kase = await loadCase(c.req.param('id'));
  const query = c.req.valid('query');
  const data = { ...caseStageHelpers, title: `Case ${kase.number}`, kase, linked: await linkedContacts(kase), displayName, caseRoles: CASE_ROLES, tab: query.tab, tabUrl: (q: Partial<CaseDocumentsQuery>) => caseTabUrl(kase._id, { ...query, ...q }) };
  const tabOnly = isHtmx(c) && c.req.header('HX-Target') === 'case-tab';
  if (query.tab === 'portal') return render(c, tabOnly ? 'cases/portal-tab' : 'cases/page', { ...data, ...(await casePortalTab(kase, c.get('user')!)), sharedNow: Boolean(c.req.query('shared')) });
  if (query.tab === 'tasks') {
    const saved = TASK_SAVED_MESSAGES[c.req.query('saved') as keyof typeof TASK_SAVED_MESSAGES];
    return render(c, tabOnly ? 'tasks/case-tab' : 'cases/page', { ...data, ...(await caseTasksTab(kase, c.get('user')!)), saved });
  }
  if (query.tab === 'forms') {
    const saved = FORM_SAVED_MESSAGES[c.req.query('saved') as keyof typeof FORM_SAVED_MESSAGES];
    return render(c, tabOnly ? 'forms/case-tab' : 'cases/page', { ...data, ...(await caseFormsTab(kase, c.get('user')!)), saved });
  }
  if (query.tab === 'appointments') return render(c, tabOnly ? 'cases/appointments-tab' : 'cases/page', { ...data, ...(await caseAppointmentsTab(kase)) });
  if (query.tab !== 'documents') return render(c, tabOnly ? 'cases/contacts-tab' : 'cases/page', data);
  const documents = await caseDocumentsView(kase, query, { staffId: c.get('user')!.id });
  const target = isHtmx(c) ? c.req.header('HX-Target') : undefined;
  const template = target === 'case-documents' ? 'cases/documents-panel' : target === 'case-tab' ? 'cases/documents-tab' : 'cases/page';
  return render(c, template, { ...data, ...documents });
});

/** The "Add/see contacts of this case" modal body: the shared contact list, filtered without touching the page URL. */
caseRoutes.get('/:id/contact-picker', validQuery(contactListQuery), async (c) => {
  const kase = await loadCase(c.req.param('id'));
  // First the case's own contacts; the firm's list (to add from) is the second step, or a search already typed.
  if (c.req.query('scope') !== 'all' && c.req.header('HX-Target') !== 'picker-list') {
    return render(c, 'cases/picker-case', { kase, linked: await linkedContacts(kase), displayName });
  }
  const query = c.req.valid('query');
  const filterProblems = listFilterProblems(c.req.query());
  const page = filterProblems.length ? NO_CONTACTS : await listContactsWithDuplicateCounts({ ...query, limit: 10, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex });
  const data = {
    query, page, filterProblems, displayName, toQueryString, caseId: kase._id, caseRoles: CASE_ROLES,
    linkedIds: new Set(kase.contacts.map((l) => String(l.contactId))),
    listUrl: `/cases/${kase._id}/contact-picker`, target: '#picker-list', pushUrl: false, kase,
  };
  return render(c, c.req.header('HX-Target') === 'picker-list' ? 'contacts/list' : 'cases/contact-picker', data);
});

caseRoutes.post(
  '/:id/contacts',
  validForm(linkForm, (_c, issues) => {
    throw new AppError('BAD_REQUEST', issues[0]?.message ?? 'Check the form');
  }),
  async (c) => {
    const kase = await loadCase(c.req.param('id'));
    const form = c.req.valid('form');
    const contact = await loadContact(form.contactId);
    await linkContactToCase({ caseId: kase._id, contactId: contact._id, role: form.role, actor: c.get('user')! });
    const fresh = await loadCase(String(kase._id));
    if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}`, 303);
    return render(c, 'cases/linked-contacts', { kase: fresh, linked: await linkedContacts(fresh), displayName, justAdded: displayName(contact) });
  },
);

/** Linking from a contact's profile by case number. */
caseRoutes.post(
  '/link',
  validForm(linkByNumberForm, () => {
    throw new AppError('BAD_REQUEST', 'Check the form');
  }),
  async (c) => {
    const form = c.req.valid('form');
    const contact = await loadContact(form.contactId);
    const kase = form.caseNumber ? await findCaseByNumber(form.caseNumber) : null;
    if (kase) await linkContactToCase({ caseId: kase._id, contactId: contact._id, role: form.role, actor: c.get('user')! });
    if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#cases`, 303);
    const cases = await casesOfContact(contact._id, 100);
    const linkError = kase ? undefined : form.caseNumber ? `No case has the number "${form.caseNumber}".` : 'Enter a case number.';
    return render(c, 'cases/contact-cases', { contact, cases, caseRoles: CASE_ROLES, linkError }, kase ? 200 : 422);
  },
);

caseRoutes.post('/:id/contacts/:contactId/unlink', validQuery(unlinkQuery), async (c) => {
  const kase = await loadCase(c.req.param('id'));
  const contact = await loadContact(c.req.param('contactId'));
  await unlinkContactFromCase({ caseId: kase._id, contactId: contact._id, actor: c.get('user')! });
  if (c.req.valid('query').from === 'profile') {
    if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#cases`, 303);
    const cases = await casesOfContact(contact._id, 100);
    return render(c, 'cases/contact-cases', { contact, cases, caseRoles: CASE_ROLES });
  }
  if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}`, 303);
  const fresh = await loadCase(String(kase._id));
  return render(c, 'cases/linked-contacts', { kase: fresh, linked: await linkedContacts(fresh), displayName });
});
