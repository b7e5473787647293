import { stringify } from 'csv-stringify';
import { Hono } from 'hono';
import { stream as honoStream } from 'hono/streaming';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { cancelImportPass, startDryRun, startImportRun } from '../../activities/imports/start-import-pass';
import { createImportFromUpload, rereadImportFile } from '../../activities/imports/upload-import-file';
import { config } from '../../config/config';
import { IMPORTS_PER_PAGE, listImports, listSavedMappings, loadImportJob, updateImportJob } from '../../db/imports/import-jobs';
import { failedLedgerRows, listLedgerRows } from '../../db/imports/ledger-rows';
import { AppError } from '../../domain/app-error';
import { neutralizeSpreadsheetCell } from '../../domain/export/neutralize-spreadsheet-cell';
import { IMPORT_POLICIES } from '../../domain/imports/combine-import-row';
import { IMPORT_FIELDS } from '../../domain/imports/import-fields';
import { IMPORT_OUTCOMES } from '../../domain/imports/import-pass';
import { applySavedMapping } from '../../domain/imports/suggest-column-mapping';
import { importWorkerPolling } from '../../temporal/import-contacts';
import { requireTemporal } from '../../temporal/require-temporal';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validForm, validQuery } from '../validation';
import { importProgress } from './import-progress';
import { DELIMITER_LABELS, ENCODINGS, mappingForm, parseMappingForm, readOptionsForm, rowsQuery } from './imports.schemas';
import { IMPORT_MAX_BYTES, receiveImportUpload } from './receive-upload';

/** Settings → Import: upload, preview and mapping, dry run, the import with its progress, result, error report and undo. */
export const importRoutes = new Hono<AppEnv>();

const ACTIVE = new Set(['checking', 'running', 'undoing']);
const ROWS_PER_PAGE = 50;
const defaultDateOrder = () => (['US', 'PH', 'FM'].includes(config.DEFAULT_PHONE_REGION) ? 'mdy' : 'dmy') as 'mdy' | 'dmy';
const listQuery = z.object({ page: z.coerce.number().int().min(1).catch(1) });
const importPageQuery = z.object({ mapping: z.string().optional().catch(undefined) });
const badForm = () => {
  throw new AppError('BAD_REQUEST', 'Check the form');
};

async function jobOr404(id: string) {
  const job = await loadImportJob(id);
  if (!job) throw new AppError('NOT_FOUND', 'There is no such import.');
  return job;
}

async function importsPage(c: Parameters<typeof render>[0], page: number, error?: string, status = 200) {
  const { jobs, total } = await listImports(page);
  return render(c, 'imports/index', { title: 'Import contacts', jobs, total, page, pages: Math.max(1, Math.ceil(total / IMPORTS_PER_PAGE)), maxMb: IMPORT_MAX_BYTES / 1024 / 1024, error }, status);
}

importRoutes.get('/', validQuery(listQuery), (c) => importsPage(c, c.req.valid('query').page));

// The upload streams to a temporary file as it arrives (up to 500 MB), so it is read by receiveImportUpload, not a form validator.
importRoutes.post('/', async (c) => {
  let upload;
  try {
    upload = await receiveImportUpload(c.req.raw, { csrfToken: c.get('csrfToken') });
  } catch (err) {
    // No file, an empty one or one too large: said on the upload page, where the next try is made.
    if (err instanceof AppError && err.code === 'BAD_REQUEST') return importsPage(c, 1, err.message, 422);
    throw err;
  }
  try {
    const created = await createImportFromUpload({ upload, storage: c.get('services').storage, actor: c.get('user')!, dateOrder: defaultDateOrder() });
    if (!created.ok) return importsPage(c, 1, created.message, 422);
    return c.redirect(`/settings/import/${created.importId}`, 303);
  } finally {
    await upload.discard();
  }
});

importRoutes.get('/:id', validQuery(importPageQuery), async (c) => {
  const job = await jobOr404(c.req.param('id'));
  const saved = await listSavedMappings();
  const chosen = saved.find((m) => m._id === c.req.valid('query').mapping);
  const mapping = chosen ? applySavedMapping(job.headers, chosen.columns) : job.mapping;
  return render(c, 'imports/page', {
    title: `Import ${job.fileName}`,
    job,
    mapping,
    values: { policy: job.policy, dateOrder: job.dateOrder ?? defaultDateOrder() },
    errors: {},
    saved,
    chosen: chosen?._id,
    progress: importProgress(job),
    fields: IMPORT_FIELDS,
    policies: IMPORT_POLICIES,
    encodings: ENCODINGS,
    delimiters: DELIMITER_LABELS,
    outcomes: IMPORT_OUTCOMES,
    temporalUiUrl: c.get('services').temporalUiUrl,
    namespace: config.TEMPORAL_NAMESPACE,
  });
});

/** Reads the file again with another encoding, delimiter or sheet. */
importRoutes.post('/:id/read', validForm(readOptionsForm, badForm), async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (job.status !== 'uploaded' && job.status !== 'checked') throw new AppError('CONFLICT', 'This import has already started.');
  await rereadImportFile({ job, storage: c.get('services').storage, override: c.req.valid('form') });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

/** Saves the mapping and policy and starts the dry run. */
importRoutes.post('/:id/mapping', validForm(mappingForm, badForm), async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (job.status !== 'uploaded' && job.status !== 'checked') throw new AppError('CONFLICT', 'This import has already started.');
  const form = parseMappingForm(c.req.valid('form'), job.headers.length);
  if (!form.ok) {
    return render(c, 'imports/page', {
      title: `Import ${job.fileName}`, job, mapping: form.mapping, values: { policy: form.policy, dateOrder: form.dateOrder, saveAs: form.saveAs }, errors: form.errors, saved: await listSavedMappings(), chosen: undefined,
      progress: importProgress(job), fields: IMPORT_FIELDS, policies: IMPORT_POLICIES, encodings: ENCODINGS, delimiters: DELIMITER_LABELS, outcomes: IMPORT_OUTCOMES,
    }, 422);
  }
  const services = c.get('services');
  await requireTemporal(services.temporal, 'The dry run');
  await startDryRun({ temporal: services.temporal, taskQueue: services.taskQueue, job, mapping: form.mapping, policy: form.policy, dateOrder: form.dateOrder, saveAs: form.saveAs, actor: c.get('user')! });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

/** Back from the dry run's result to the mapping. */
importRoutes.post('/:id/edit', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (job.status === 'checked') await updateImportJob(job._id, { status: 'uploaded' });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

importRoutes.post('/:id/run', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (job.status !== 'checked') throw new AppError('CONFLICT', job.status === 'uploaded' ? 'Run the dry run first.' : 'This import has already run.');
  const services = c.get('services');
  await requireTemporal(services.temporal, 'The import');
  await startImportRun({ temporal: services.temporal, taskQueue: services.taskQueue, job, kind: 'run', actor: c.get('user')! });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

importRoutes.post('/:id/cancel', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  await cancelImportPass({ temporal: c.get('services').temporal, job });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

importRoutes.get('/:id/undo', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (!job.run) throw new AppError('NOT_FOUND', 'This import has not run, so there is nothing to undo.');
  return render(c, 'imports/undo-confirm', { title: `Undo import ${job.fileName}`, job });
});

importRoutes.post('/:id/undo', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (!job.run || !['completed', 'cancelled', 'failed'].includes(job.status)) throw new AppError('CONFLICT', 'Only a finished import can be undone.');
  const services = c.get('services');
  await requireTemporal(services.temporal, 'The undo');
  await startImportRun({ temporal: services.temporal, taskQueue: services.taskQueue, job, kind: 'undo', actor: c.get('user')! });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

/** The self-replacing progress fragment; when the pass is over the page reloads into the next step. */
importRoutes.get('/:id/status', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (!ACTIVE.has(job.status)) {
    c.header('HX-Refresh', 'true');
    return c.body(null, 286 as 200);
  }
  const progress = importProgress(job);
  // Nothing done yet: say so when no worker serves the imports queue, rather than wait in silence.
  // Asked only then: this fragment is polled every second for as long as the pass or the undo runs.
  const nothingDone = job.status === 'undoing' ? !(job.undo?.deleted || job.undo?.reverted) : progress.preparing;
  const noImportWorker = nothingDone && (await importWorkerPolling(c.get('services').temporal, c.get('services').taskQueue)) === false;
  return render(c, 'imports/status', { job, progress, noImportWorker });
});

importRoutes.get('/:id/rows', validQuery(rowsQuery), async (c) => {
  const job = await jobOr404(c.req.param('id'));
  const q = c.req.valid('query');
  const { rows, total } = await listLedgerRows({ importId: job._id, outcome: q.outcome, page: q.page, perPage: ROWS_PER_PAGE });
  const data = { title: `Rows of ${job.fileName}`, job, q, rows, total, pages: Math.max(1, Math.ceil(total / ROWS_PER_PAGE)), outcomes: IMPORT_OUTCOMES };
  return render(c, isHtmx(c) ? 'imports/rows-table' : 'imports/rows', data);
});

/** The failed rows with their original values and the reason, as a CSV staff can fix and import again. */
importRoutes.get('/:id/errors.csv', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${job.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}-errors.csv"`);
  // The header row came from the uploaded file too: a column named "=cmd" is neutralized like any cell.
  const columns = [...job.headers.map((h, i) => neutralizeSpreadsheetCell(h || `Column ${i + 1}`)), 'Import row', 'Import error'];
  async function* lines() {
    yield columns;
    for await (const e of failedLedgerRows(job._id)) {
      const values = job.headers.map((_, i) => neutralizeSpreadsheetCell(e.values?.[i] ?? ''));
      yield [...values, String(e.row), neutralizeSpreadsheetCell(e.reason ?? '')];
    }
  }
  const csv = Readable.from(lines()).pipe(stringify({ bom: true }));
  return honoStream(c, async (s) => {
    for await (const chunk of csv) await s.write(chunk as Buffer);
  });
});
