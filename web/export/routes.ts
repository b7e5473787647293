import { Hono } from 'hono';
import { stream as honoStream } from 'hono/streaming';
import { z } from 'zod';
import { audit } from '../../db/audit';
import { listContacts } from '../../db/contacts/list-contacts';
import { exportContactsCursor } from '../../db/export/export-contacts';
import { DEFAULT_EXPORT_FIELDS, EXPORT_FIELDS } from '../../domain/export/export-fields';
import { streamContactExport, XLSX_MAX_ROWS } from '../../activities/export/stream-contact-export';
import { collectGarbageAbove } from '../../activities/collect-garbage';
import { config } from '../../config/config';
import type { AppEnv } from '../env';
import { render } from '../render';
import { contactListQuery, toQueryString } from '../contacts/contacts.schemas';

/** Contacts → Export: the current filters, a field picker, CSV or Excel, streamed. */
export const exportRoutes = new Hono<AppEnv>();

const downloadQuery = z.object({
  format: z.enum(['csv', 'xlsx']).catch('csv'),
  fields: z.array(z.enum(EXPORT_FIELDS.map((f) => f.key) as [string, ...string[]])).catch([]),
});

// What one export holds live is a cursor batch and a few output chunks: a few MB.
const EXPORT_HEAP_HEADROOM = 32 * 1024 * 1024;

const filtersOf = (q: z.infer<typeof contactListQuery>) => ({ appStatus: q.appStatus, q: q.q, tag: q.tag, caseStatus: q.caseStatus });

exportRoutes.get('/export', async (c) => {
  const query = contactListQuery.parse(c.req.query());
  const filters = filtersOf(query);
  const page = await listContacts({ ...filters, limit: 1, defaultRegion: config.DEFAULT_PHONE_REGION, index: c.get('services').contactIndex });
  const chosen = c.req.queries('fields') ?? DEFAULT_EXPORT_FIELDS;
  return render(c, 'contacts/export', { title: 'Export contacts', query: filters, total: page.total, fields: EXPORT_FIELDS, chosen, error: c.req.query('error'), toQueryString, xlsxMax: XLSX_MAX_ROWS });
});

exportRoutes.get('/export/download', async (c) => {
  const query = contactListQuery.parse(c.req.query());
  const filters = filtersOf(query);
  const o = downloadQuery.parse({ format: c.req.query('format'), fields: c.req.queries('fields') ?? [] });
  if (!o.fields.length) return c.redirect(`/contacts/export${toQueryString(filters)}${toQueryString(filters) ? '&' : '?'}error=fields`, 303);
  const user = c.get('user')!;
  let rows = 0;
  // A million rows pass through the server and each is garbage a moment later: collecting every 5,000 rows once the heap
  // holds EXPORT_HEAP_HEADROOM more than when the export began keeps the server's memory where it was, whatever the size.
  const ceiling = process.memoryUsage().heapUsed + EXPORT_HEAP_HEADROOM;
  const onRow = () => ++rows % 5_000 === 0 && collectGarbageAbove(ceiling);
  const body = streamContactExport(exportContactsCursor({ filters: { ...filters, defaultRegion: config.DEFAULT_PHONE_REGION }, fields: o.fields }), { fields: o.fields, format: o.format, onRow });
  const stamp = new Date().toISOString().slice(0, 10);
  c.header('Content-Type', o.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="casebook-contacts-${stamp}.${o.format}"`);
  c.header('Cache-Control', 'no-store');
  return honoStream(c, async (s) => {
    for await (const chunk of body) await s.write(chunk as Uint8Array);
    // Exports carry personal data out of Casebook: who took what is on record.
    await audit(user, 'contact.export', { type: 'Contact', id: user.id }, { rows, format: o.format, fields: o.fields, filters });
  });
});
