import { audit, type Actor } from '../../db/audit';
import type { ContactListFilters } from '../../db/contacts/list-contacts';
import { exportContactsCursor } from '../../db/export/export-contacts';
import { collectGarbageAbove } from '../collect-garbage';
import { streamContactExport, type ExportFormat } from './stream-contact-export';

// What one export holds live is a cursor batch and a few output chunks: a few MB.
const EXPORT_HEAP_HEADROOM = 32 * 1024 * 1024;

/**
 * Contacts → Export: the contacts matching the list's filters, with the
 * chosen fields, as the bytes of a CSV or .xlsx file, streamed from a
 * database cursor as they are written. Exports carry personal data out of
 * Casebook, so they are audited twice: when the first byte is about to leave
 * (who, filters, fields), so an export aborted halfway still leaves a trace,
 * and when the last byte is out (how many rows).
 */
export async function* exportContacts(o: { filters: Omit<ContactListFilters, 'defaultRegion'>; region: string; fields: string[]; format: ExportFormat; actor: Actor }): AsyncGenerator<Uint8Array> {
  let rows = 0;
  // A million rows pass through the server and each is garbage a moment later: collecting every 5,000 rows once the heap
  // holds EXPORT_HEAP_HEADROOM more than when the export began keeps the server's memory where it was, whatever the size.
  const ceiling = process.memoryUsage().heapUsed + EXPORT_HEAP_HEADROOM;
  const onRow = () => ++rows % 5_000 === 0 && collectGarbageAbove(ceiling);
  const body = streamContactExport(exportContactsCursor({ filters: { ...o.filters, defaultRegion: o.region }, fields: o.fields }), { fields: o.fields, format: o.format, onRow });
  await audit(o.actor, 'contact.export-started', { type: 'Contact', id: o.actor.id }, { format: o.format, fields: o.fields, filters: o.filters });
  for await (const chunk of body) yield chunk as Uint8Array;
  await audit(o.actor, 'contact.export', { type: 'Contact', id: o.actor.id }, { rows, format: o.format, fields: o.fields, filters: o.filters });
}
