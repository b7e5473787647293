import { Hono } from 'hono';
import { stream as honoStream } from 'hono/streaming';
import { z } from 'zod';
import { listContacts } from '../../activities/contacts/list-contacts';
import { exportContacts } from '../../activities/export/export-contacts';
import { XLSX_MAX_ROWS } from '../../activities/export/stream-contact-export';
import { config } from '../../config/config';
import { DEFAULT_EXPORT_FIELDS, EXPORT_FIELDS } from '../../domain/export/export-fields';
import { contactListQuery, listFilterProblems, toQueryString } from '../contacts/contacts.schemas';
import { AppError } from '../../domain/app-error';
import type { AppEnv } from '../env';
import { render } from '../render';
import { validQuery } from '../validation';

/** Contacts → Export: the current filters, a field picker, CSV or Excel, streamed. Mounted under /contacts. */
export const exportRoutes = new Hono<AppEnv>();

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const fieldKeys = z.enum(EXPORT_FIELDS.map((f) => f.key) as [string, ...string[]]);
const exportPageQuery = contactListQuery.extend({ fields: z.preprocess(asList, z.array(z.string())).catch([]), error: z.string().optional().catch(undefined) });
const downloadQuery = contactListQuery.extend({
  format: z.enum(['csv', 'xlsx']).catch('csv'),
  fields: z.preprocess(asList, z.array(fieldKeys)).catch([]),
});

const filtersOf = (q: z.infer<typeof contactListQuery>) => ({ appStatus: q.appStatus, q: q.q, tag: q.tag, caseStatus: q.caseStatus });

exportRoutes.get('/export', validQuery(exportPageQuery), async (c) => {
  const query = c.req.valid('query');
  const filters = filtersOf(query);
  const filterProblems = listFilterProblems(c.req.query());
  const total = filterProblems.length ? 0 : (await listContacts({ ...filters, limit: 1, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex })).total;
  const chosen = query.fields.length ? query.fields : DEFAULT_EXPORT_FIELDS;
  return render(c, 'export/page', { title: 'Export contacts', query: filters, total, filterProblems, fields: EXPORT_FIELDS, chosen, error: query.error, toQueryString, xlsxMax: XLSX_MAX_ROWS });
});

exportRoutes.get('/export/download', validQuery(downloadQuery), async (c) => {
  const query = c.req.valid('query');
  const filters = filtersOf(query);
  // Never a wider export than asked for: a filter that cannot be used refuses the export, it is not dropped.
  const filterProblems = listFilterProblems(c.req.query());
  if (filterProblems.length) throw new AppError('BAD_REQUEST', `${filterProblems.join(' ')} Nothing was exported.`);
  if (!query.fields.length) return c.redirect(`/contacts/export${toQueryString(filters)}${toQueryString(filters) ? '&' : '?'}error=fields`, 303);
  const body = exportContacts({ filters, region: config.DEFAULT_PHONE_REGION, fields: query.fields, format: query.format, actor: c.get('user')! });
  const stamp = new Date().toISOString().slice(0, 10);
  c.header('Content-Type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="casebook-contacts-${stamp}.${query.format}"`);
  c.header('Cache-Control', 'no-store');
  return honoStream(c, async (s) => {
    for await (const chunk of body) await s.write(chunk);
  });
});
