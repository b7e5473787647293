import { Hono } from 'hono';
import { Types } from 'mongoose';
import { z } from 'zod';
import { linkContactToCase, unlinkContactFromCase } from '../../activities/cases/link-contact-to-case';
import { findByIds } from '../../db/contacts/contact-links';
import { Case, Contact, type CaseDoc, type ContactDoc } from '../../db/models/index';
import { casesOfContact } from '../../activities/cases/link-contact-to-case';
import { CASE_ROLES, CASE_STATUSES } from '../../db/models/case';
import { listContacts, withDuplicateCounts } from '../../db/contacts/list-contacts';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { config } from '../../config/config';
import { AppError } from '../app-error';
import { contactListQuery, toQueryString } from '../contacts/contacts.schemas';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';

export const caseRoutes = new Hono<AppEnv>();

const PAGE = 50;
const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
const linkForm = z.object({ contactId: z.string().refine(Types.ObjectId.isValid, 'Unknown contact'), role: z.enum(CASE_ROLES) });

async function loadCase(id: string): Promise<CaseDoc> {
  if (!Types.ObjectId.isValid(id)) throw new AppError('NOT_FOUND', 'There is no case at this address.');
  const kase = await Case.findOne({ _id: new Types.ObjectId(id) }).lean<CaseDoc>();
  if (!kase) throw new AppError('NOT_FOUND', 'There is no case at this address.');
  return kase;
}

caseRoutes.get('/', async (c) => {
  const query = caseListQuery.parse(c.req.query());
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.q) filter.$or = [{ number: { $regex: `^${query.q.replace(/[^\w-]/g, '')}` } }, { title: { $regex: query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' } }];
  const page = query.page ?? 1;
  const [cases, total] = await Promise.all([Case.find(filter).sort({ number: -1 }).skip((page - 1) * PAGE).limit(PAGE).lean(), Case.countDocuments(filter)]);
  return render(c, isHtmx(c) ? 'cases/list' : 'cases/index', { title: 'Cases', cases, total, query, page, pages: Math.max(1, Math.ceil(total / PAGE)), statuses: CASE_STATUSES });
});

async function linkedContacts(kase: CaseDoc) {
  const ids = kase.contacts.map((l) => l.contactId);
  const contacts = await findByIds<ContactDoc>(Contact, ids);
  const byId = new Map(contacts.map((ct) => [String(ct._id), ct]));
  return kase.contacts.map((l) => ({ link: l, contact: byId.get(String(l.contactId)) })).filter((x) => x.contact);
}

caseRoutes.get('/:id', async (c) => {
  const kase = await loadCase(c.req.param('id'));
  return render(c, 'cases/page', { title: `Case ${kase.number}`, kase, linked: await linkedContacts(kase), displayName, caseRoles: CASE_ROLES });
});

/** The "Add/see contacts of this case" modal body: the shared contact list, filtered without touching the page URL. */
caseRoutes.get('/:id/contact-picker', async (c) => {
  const kase = await loadCase(c.req.param('id'));
  const query = contactListQuery.parse(c.req.query());
  const page = await withDuplicateCounts(await listContacts({ ...query, limit: 10, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex }));
  const data = {
    query, page, displayName, toQueryString, caseId: kase._id, caseRoles: CASE_ROLES,
    linkedIds: new Set(kase.contacts.map((l) => String(l.contactId))),
    listUrl: `/cases/${kase._id}/contact-picker`, target: '#picker-list', pushUrl: false,
  };
  return render(c, c.req.header('HX-Target') === 'picker-list' ? 'contacts/list' : 'cases/contact-picker', data);
});

caseRoutes.post('/:id/contacts', async (c) => {
  const kase = await loadCase(c.req.param('id'));
  const parsed = linkForm.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Check the form');
  const contact = await loadContact(parsed.data.contactId);
  await linkContactToCase({ caseId: kase._id, contactId: contact._id, role: parsed.data.role, actor: c.get('user')! });
  const fresh = await loadCase(String(kase._id));
  if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}`, 303);
  return render(c, 'cases/linked-contacts', { kase: fresh, linked: await linkedContacts(fresh), displayName, justAdded: displayName(contact) });
});

/** Linking from a contact's profile by case number. */
caseRoutes.post('/link', async (c) => {
  const body = await c.req.parseBody();
  const contact = await loadContact(String(body.contactId ?? ''));
  const role = z.enum(CASE_ROLES).catch('client').parse(body.role);
  const number = String(body.caseNumber ?? '').trim();
  const kase = number ? await Case.findOne({ number }).lean<CaseDoc>() : null;
  if (kase) await linkContactToCase({ caseId: kase._id, contactId: contact._id, role, actor: c.get('user')! });
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#cases`, 303);
  const cases = await casesOfContact(contact._id, 100);
  return render(c, 'contacts/profile/cases', { contact, cases, caseRoles: CASE_ROLES, linkError: kase ? undefined : number ? `No case has the number "${number}".` : 'Enter a case number.' }, kase ? 200 : 422);
});

caseRoutes.post('/:id/contacts/:contactId/unlink', async (c) => {
  const kase = await loadCase(c.req.param('id'));
  const contact = await loadContact(c.req.param('contactId'));
  await unlinkContactFromCase({ caseId: kase._id, contactId: contact._id, actor: c.get('user')! });
  if (c.req.query('from') === 'profile') {
    if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#cases`, 303);
    const cases = await casesOfContact(contact._id, 100);
    return render(c, 'contacts/profile/cases', { contact, cases, caseRoles: CASE_ROLES });
  }
  if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}`, 303);
  const fresh = await loadCase(String(kase._id));
  return render(c, 'cases/linked-contacts', { kase: fresh, linked: await linkedContacts(fresh), displayName });
});
