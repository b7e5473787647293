import { caseListBench } from './case-list';
import { contactsListBench } from './contacts-list';
import { exportBench } from './export';
import { importBench, xlsxImportBench } from './import';
import { loadBench, loadFaultBench } from './load';
import { matchQualityBench } from './match-quality';
import { mergeBench } from './merge';
import { outboxBench } from './outbox';
import { bundleBench } from './bundle';
import { portalBench } from './portal';
import { seedBench } from './seed';
import { sweepBench } from './sweep';
import type { BenchEntry } from './types';

/** Every benchmark `npm run bench` knows; later features add theirs here. */
export const benches: BenchEntry[] = [seedBench, contactsListBench, caseListBench, matchQualityBench, mergeBench, sweepBench, importBench, xlsxImportBench, exportBench, loadBench, loadFaultBench, outboxBench, bundleBench, portalBench];
