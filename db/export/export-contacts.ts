import { exportColumns, type ExportableContact } from '../../domain/export/export-fields';
import { contactListFilter, type ContactListFilters } from '../contacts/list-contacts';
import { contactCollection } from '../models/index';

/**
 * The contacts matching the contacts page's filters, read as a cursor in
 * batches with only the chosen fields. Database order (no sort): sorting a
 * million contacts by name would need them all in memory on engines
 * without a usable index.
 */
export function exportContactsCursor(o: { filters: ContactListFilters; fields: string[] }): AsyncIterable<ExportableContact> {
  const { projection } = exportColumns(o.fields);
  return contactCollection.find(contactListFilter(o.filters), { projection, batchSize: 5000 });
}
