import { Hono, type Context } from 'hono';
import { Types } from 'mongoose';
import { contactLinkKinds, findByIds, linkedRecords } from '../../db/contacts/contact-links';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { findDuplicateCandidates } from '../../activities/duplicates/find-duplicate-candidates';
import { markNotDuplicate, saveSuggestions } from '../../db/duplicates/suggestions';
import { MAX_MERGE_RECORDS, requestMerge } from '../../activities/merge/request-merge';
import { loadMerge } from '../../activities/merge/merge-steps';
import { requestUnmerge } from '../../activities/merge/unmerge-steps';
import { Contact, type ContactDoc } from '../../db/models/index';
import { listContacts } from '../../db/contacts/list-contacts';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { defaultChoices, type MergeableContact } from '../../domain/merge/merge-fields';
import { config } from '../../config/config';
import { startMergeWorkflow } from '../../temporal/merge-contacts';
import { mergeStepQuery } from '../../workflows/index';
import { AppError } from '../app-error';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { comparisonRows, multiValueOptions, parseMergeForm, parseWithIds } from './merge-form';

/** Possible duplicates, "Not a duplicate" and the Merge Contact flow, under /contacts/:id. */
export const duplicateRoutes = new Hono<AppEnv>();

duplicateRoutes.get('/:id/duplicates', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const duplicates = await findDuplicateCandidates(contactMatchInput(contact), { region: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex, excludeId: String(contact._id) });
  await saveSuggestions(contact._id, duplicates);
  return render(c, 'contacts/profile/duplicates', { contact, duplicates, displayName });
});

duplicateRoutes.post('/:id/not-duplicate/:otherId', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const other = await loadContact(c.req.param('otherId'));
  await markNotDuplicate(contact._id, other._id, c.get('user')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}`, 303);
  const duplicates = await findDuplicateCandidates(contactMatchInput(contact), { region: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex, excludeId: String(contact._id) });
  return render(c, 'contacts/profile/duplicates', { contact, duplicates, displayName, notice: `${displayName(other)} will not be suggested as a duplicate again.` });
});

/** How many of each linked kind a contact has: what a merge would move. */
async function linkedCounts(contactId: Types.ObjectId) {
  const totals = await Promise.all(contactLinkKinds.map((kind) => linkedRecords(kind, contactId, { limit: 0 }).then((p) => [kind, p.total] as const)));
  return Object.fromEntries(totals) as Record<(typeof contactLinkKinds)[number], number>;
}

async function loadMergeCandidates(ids: string[]): Promise<ContactDoc[]> {
  const found = await findByIds<ContactDoc>(Contact, ids.map((id) => new Types.ObjectId(id)));
  return found.filter((x) => !x.mergedInto);
}

duplicateRoutes.get('/:id/merge', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const selected = await loadMergeCandidates(parseWithIds(c.req.queries('with'), String(contact._id)));
  const all = [contact, ...selected];
  const survivorId = all.some((x) => String(x._id) === c.req.query('survivor')) ? c.req.query('survivor')! : String(contact._id);
  const suggestions = (
    await findDuplicateCandidates(contactMatchInput(contact), { region: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex, excludeId: String(contact._id), limit: 8 })
  ).filter((s) => !selected.some((x) => String(x._id) === String(s.contact._id)));
  const choices = defaultChoices(all as unknown as MergeableContact[], survivorId);
  const counts = await Promise.all(all.map((x) => linkedCounts(x._id)));
  return render(c, 'merge/page', {
    title: `Merge ${displayName(contact)}`,
    contact,
    selected,
    all,
    survivorId,
    suggestions,
    rows: comparisonRows(all, choices),
    options: multiValueOptions(all),
    choices,
    counts,
    maxRecords: MAX_MERGE_RECORDS,
    withIds: selected.map((x) => String(x._id)),
    displayName,
    error: c.req.query('error'),
  });
});

/** Any contact, for when the duplicate is not among the suggestions. */
duplicateRoutes.get('/:id/merge/search', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  const withIds = parseWithIds(c.req.queries('with'), String(contact._id));
  const page = q ? await listContacts({ q, limit: 10, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex }) : undefined;
  const rows = (page?.rows ?? []).filter((r) => r.id !== String(contact._id) && !withIds.includes(r.id));
  return render(c, 'merge/search-results', { contact, q, rows, withIds, full: withIds.length >= MAX_MERGE_RECORDS - 1 });
});

duplicateRoutes.post('/:id/merge', async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const body = await c.req.parseBody({ all: true });
  const withValues = body.with === undefined ? [] : (Array.isArray(body.with) ? body.with : [body.with]).filter((v): v is string => typeof v === 'string');
  const selected = await loadMergeCandidates(parseWithIds(withValues, String(contact._id)));
  const all = [contact, ...selected];
  const back = (message: string) => c.redirect(`/contacts/${contact._id}/merge?${selected.map((x) => `with=${x._id}`).join('&')}&error=${encodeURIComponent(message)}`, 303);
  const parsed = parseMergeForm(body, all);
  if (!parsed.ok) return back(parsed.message);
  const user = c.get('user')!;
  const request = await requestMerge({ survivorId: new Types.ObjectId(parsed.survivorId), loserIds: parsed.loserIds.map((id) => new Types.ObjectId(id)), choices: parsed.choices, actor: user });
  if (!request.ok) return back(request.reason);
  const services = c.get('services');
  await startMergeWorkflow(services.temporal, { mergeId: request.mergeId, taskQueue: services.taskQueue, actorId: String(user.id), kind: 'merge', summary: `Merge ${all.length} contacts` });
  return c.redirect(`/merges/${request.mergeId}`, 303);
});

/** A merge's progress page, its polled status panel, and Unmerge, under /merges. */
export const mergeRoutes = new Hono<AppEnv>();

async function loadMergeOr404(id: string) {
  if (!Types.ObjectId.isValid(id)) throw new AppError('NOT_FOUND', 'There is no merge at this address.');
  return loadMerge(id).catch(() => {
    throw new AppError('NOT_FOUND', 'There is no merge at this address.');
  });
}

async function mergeView(c: Context<AppEnv>, id: string) {
  const merge = await loadMergeOr404(id);
  const running = merge.status === 'requested' || merge.status === 'moving' || merge.status === 'unmerging';
  const kind = merge.status === 'unmerging' || merge.status === 'unmerged' ? 'unmerge' : 'merge';
  const step = running
    ? await c.get('services').temporal.workflow.getHandle(`${kind}-contacts-${id}`).query(mergeStepQuery).catch(() => undefined)
    : undefined;
  const names = Object.fromEntries(Object.entries(merge.snapshot?.contacts ?? {}).map(([cid, doc]) => [cid, displayName(doc as never)]));
  return { merge, running, step, kind, names, survivorName: names[String(merge.survivorId)] ?? 'the kept contact', temporalUiUrl: c.get('services').temporalUiUrl, displayName };
}

mergeRoutes.get('/:id', async (c) => {
  const data = await mergeView(c, c.req.param('id'));
  return render(c, 'merge/status-page', { ...data, title: data.kind === 'merge' ? 'Merging contacts' : 'Undoing a merge' });
});

mergeRoutes.get('/:id/status', async (c) => {
  const data = await mergeView(c, c.req.param('id'));
  if (!data.running && isHtmx(c) && (data.merge.status === 'completed' || data.merge.status === 'unmerged')) {
    const done = data.merge.status === 'completed' ? `merged=${data.merge._id}` : `unmerged=${data.merge._id}`;
    c.header('HX-Redirect', `/contacts/${data.merge.survivorId}?${done}`);
  }
  return render(c, 'merge/status-panel', data);
});

mergeRoutes.post('/:id/unmerge', async (c) => {
  const merge = await loadMergeOr404(c.req.param('id'));
  const user = c.get('user')!;
  const result = await requestUnmerge(String(merge._id), user);
  if (!result.ok) throw new AppError('CONFLICT', result.reason);
  const services = c.get('services');
  await startMergeWorkflow(services.temporal, { mergeId: String(merge._id), taskQueue: services.taskQueue, actorId: String(user.id), kind: 'unmerge', summary: `Unmerge ${merge.loserIds.length + 1} contacts` });
  if (isHtmx(c)) {
    c.header('HX-Redirect', `/merges/${merge._id}`);
    return c.body(null, 204);
  }
  return c.redirect(`/merges/${merge._id}`, 303);
});
