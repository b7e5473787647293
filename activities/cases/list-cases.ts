import { listCasesFromDatabase } from '../../db/cases/cases';
import type { CaseStatus } from '../../domain/cases/case-fields';
import type { CaseListPage } from '../../domain/cases/case-list-memory-index';
import { parseCaseSearch } from '../../domain/cases/case-list-row';
import type { CaseListIndexService } from './case-list-index';

export type ListCasesOptions = { status?: CaseStatus; q?: string; page: number; perPage: number; index?: CaseListIndexService };

/** A page of the case list, newest number first: from memory when the index is ready (FerretDB), else the database's indexes. */
export async function listCases(o: ListCasesOptions): Promise<CaseListPage & { source: 'memory' | 'database' }> {
  const filters = { status: o.status, search: parseCaseSearch(o.q) };
  const fromMemory = await o.index?.query(filters, o.page, o.perPage);
  if (fromMemory) return { ...fromMemory, source: 'memory' };
  return { ...(await listCasesFromDatabase({ ...filters, page: o.page, perPage: o.perPage })), source: 'database' };
}
