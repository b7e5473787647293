import { requireTemporal } from '../../temporal/require-temporal';
import { Hono, type Context } from 'hono';
import { Types } from 'mongoose';
import { z } from 'zod';
import { listContacts } from '../../activities/contacts/list-contacts';
import { findDuplicateCandidates } from '../../activities/duplicates/find-duplicate-candidates';
import { loadMerge } from '../../activities/merge/merge-steps';
import { MAX_MERGE_RECORDS, requestMerge } from '../../activities/merge/request-merge';
import { requestUnmerge } from '../../activities/merge/request-unmerge';
import { config, emailRules } from '../../config/config';
import { contactLinkKinds, linkedRecords } from '../../db/contacts/contact-links';
import { findLiveContacts } from '../../db/contacts/contacts';
import { AppError } from '../../domain/app-error';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { defaultChoices } from '../../domain/merge/merge-fields';
import { readMergeStep, startMergeWorkflow } from '../../temporal/merge-contacts';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validForm, validQuery } from '../validation';
import { comparisonRows, multiValueOptions, parseMergeForm, parseWithIds } from './merge-form';
import { mergeForm } from './merge.schemas';

/** The Merge Contact flow, under /contacts/:id/merge. */
export const contactMergeRoutes = new Hono<AppEnv>();

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const mergePageQuery = z.object({
  with: z.preprocess(asList, z.array(z.string())).catch([]),
  survivor: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});
const mergeSearchQuery = z.object({
  q: z.string().catch('').transform((q) => q.trim().slice(0, 100)),
  with: z.preprocess(asList, z.array(z.string())).catch([]),
});

/** How many of each linked kind a contact has: what a merge would move. */
async function linkedCounts(contactId: Types.ObjectId) {
  const totals = await Promise.all(contactLinkKinds.map((kind) => linkedRecords(kind, contactId, { limit: 0 }).then((p) => [kind, p.total] as const)));
  return Object.fromEntries(totals) as Record<(typeof contactLinkKinds)[number], number>;
}

contactMergeRoutes.get('/:id/merge', validQuery(mergePageQuery), async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const query = c.req.valid('query');
  const selected = await findLiveContacts(parseWithIds(query.with, String(contact._id)));
  const all = [contact, ...selected];
  const survivorId = all.some((x) => String(x._id) === query.survivor) ? query.survivor! : String(contact._id);
  const candidates = await findDuplicateCandidates(contactMatchInput(contact), { region: config.DEFAULT_PHONE_REGION, emailRules, index: c.get('services').contactIndex, excludeId: String(contact._id), limit: 8 });
  const suggestions = candidates.filter((s) => !selected.some((x) => String(x._id) === String(s.contact._id)));
  const choices = defaultChoices(all, survivorId);
  const counts = await Promise.all(all.map((x) => linkedCounts(x._id)));
  return render(c, 'merge/page', {
    title: `Merge ${displayName(contact)}`,
    contact,
    selected,
    all,
    survivorId,
    suggestions,
    // Suggestions there were, all of them now in the merge: the page says so rather than "no suggestions".
    suggestionsInMerge: candidates.length - suggestions.length,
    rows: comparisonRows(all, choices),
    options: multiValueOptions(all),
    choices,
    counts,
    maxRecords: MAX_MERGE_RECORDS,
    withIds: selected.map((x) => String(x._id)),
    displayName,
    error: query.error,
  });
});

/** Any contact, for when the duplicate is not among the suggestions. */
contactMergeRoutes.get('/:id/merge/search', validQuery(mergeSearchQuery), async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const { q, with: withValues } = c.req.valid('query');
  const withIds = parseWithIds(withValues, String(contact._id));
  const page = q ? await listContacts({ q, limit: 10, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex }) : undefined;
  const rows = (page?.rows ?? []).filter((r) => r.id !== String(contact._id) && !withIds.includes(r.id));
  return render(c, 'merge/search-results', { contact, q, rows, withIds, full: withIds.length >= MAX_MERGE_RECORDS - 1 });
});

contactMergeRoutes.post('/:id/merge', validForm(mergeForm, () => { throw new AppError('BAD_REQUEST', 'Check the form'); }), async (c) => {
  const contact = await loadContact(c.req.param('id'));
  const form = c.req.valid('form');
  const selected = await findLiveContacts(parseWithIds(form.with, String(contact._id)));
  const all = [contact, ...selected];
  const back = (message: string, survivorId?: string) => c.redirect(`/contacts/${contact._id}/merge?${selected.map((x) => `with=${x._id}`).join('&')}${survivorId ? `&survivor=${survivorId}` : ''}&error=${encodeURIComponent(message)}`, 303);
  const parsed = parseMergeForm(form, all);
  if (!parsed.ok) return back(parsed.message);
  const user = c.get('user')!;
  const services = c.get('services');
  // Temporal down: the same page, the records still chosen, with what failed and the Merge button to try again.
  try {
    await requireTemporal(services.temporal, 'The merge');
  } catch (err) {
    if (err instanceof AppError) return back(err.message, parsed.survivorId);
    throw err;
  }
  const request = await requestMerge({ survivorId: new Types.ObjectId(parsed.survivorId), loserIds: parsed.loserIds.map((id) => new Types.ObjectId(id)), choices: parsed.choices, actor: user });
  if (!request.ok) return back(request.reason);
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
  const step = running ? await readMergeStep(c.get('services').temporal, { kind, mergeId: id }) : undefined;
  const names = Object.fromEntries(Object.entries(merge.snapshot?.contacts ?? {}).map(([cid, doc]) => [cid, displayName(doc)]));
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
  const services = c.get('services');
  await requireTemporal(services.temporal, 'The unmerge');
  const result = await requestUnmerge(String(merge._id), user);
  if (!result.ok) throw new AppError('CONFLICT', result.reason);
  await startMergeWorkflow(services.temporal, { mergeId: String(merge._id), taskQueue: services.taskQueue, actorId: String(user.id), kind: 'unmerge', summary: `Unmerge ${merge.loserIds.length + 1} contacts` });
  if (isHtmx(c)) {
    c.header('HX-Redirect', `/merges/${merge._id}`);
    return c.body(null, 204);
  }
  return c.redirect(`/merges/${merge._id}`, 303);
});
