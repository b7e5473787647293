import { exportColumns, type ExportableContact } from '../../domain/export/export-fields';
import { Contact } from '../models/index';
import { contactListFilter, type ListContactsOptions } from '../contacts/list-contacts';

/**
 * The contacts matching the contacts page's filters, read as a cursor in
 * batches with only the chosen fields. Database order (no sort): sorting a
 * million contacts by name would need them all in memory on engines
 * without a usable index.
 */
export function exportContactsCursor(o: { filters: Omit<ListContactsOptions, 'after' | 'limit' | 'index'>; fields: string[] }): AsyncIterable<ExportableContact> {
  const { projection } = exportColumns(o.fields);
  return Contact.collection.find(contactListFilter(o.filters), { projection, batchSize: 5000 }) as unknown as AsyncIterable<ExportableContact>;
}

export async function countExport(filters: Omit<ListContactsOptions, 'after' | 'limit' | 'index'>): Promise<number> {
  return Contact.countDocuments(contactListFilter(filters));
}
