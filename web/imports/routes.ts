import { stringify } from 'csv-stringify';
import { Hono } from 'hono';
import { stream as honoStream } from 'hono/streaming';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createImportJob, IMPORTS_PER_PAGE, listImports, listSavedMappings, loadImportJob, saveNamedMapping, updateImportJob } from '../../db/imports/import-jobs';
import { failedLedgerRows, listLedgerRows } from '../../db/imports/ledger-rows';
import { IMPORT_OUTCOMES } from '../../db/models/index';
import { IMPORT_POLICIES } from '../../domain/imports/combine-import-row';
import { IMPORT_FIELDS } from '../../domain/imports/import-fields';
import { applySavedMapping, suggestColumnMapping } from '../../domain/imports/suggest-column-mapping';
import { neutralizeSpreadsheetCell } from '../../domain/export/neutralize-spreadsheet-cell';
import { analyzeImportFile } from '../../activities/imports/files/analyze-import-file';
import { checkXlsxArchive } from '../../activities/imports/files/check-xlsx-archive';
import { InvalidImportFile } from '../../domain/imports/import-file';
import { startImportWorkflow } from '../../temporal/import-contacts';
import { config } from '../../config/config';
import { AppError } from '../app-error';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { DELIMITER_LABELS, ENCODINGS, parseMappingForm, readOptionsForm, rowsQuery } from './imports.schemas';
import { importProgress } from './import-progress';
import { importWorkerPolling } from '../../temporal/import-worker-status';
import { IMPORT_MAX_BYTES, receiveImportUpload } from './receive-upload';

/** Settings → Import: upload, preview and mapping, dry run, the import with its progress, result, error report and undo. */
export const importRoutes = new Hono<AppEnv>();

const ACTIVE = new Set(['checking', 'running', 'undoing']);
const ROWS_PER_PAGE = 50;
const defaultDateOrder = () => (['US', 'PH', 'FM'].includes(config.DEFAULT_PHONE_REGION) ? 'mdy' : 'dmy') as 'mdy' | 'dmy';

async function jobOr404(id: string) {
  const job = await loadImportJob(id);
  if (!job) throw new AppError('NOT_FOUND', 'There is no such import.');
  return job;
}

importRoutes.get('/', async (c) => {
  const page = Math.max(1, Number(c.req.query('page')) || 1);
  const { jobs, total } = await listImports(page);
  return render(c, 'imports/index', { title: 'Import contacts', jobs, total, page, pages: Math.max(1, Math.ceil(total / IMPORTS_PER_PAGE)), maxMb: IMPORT_MAX_BYTES / 1024 / 1024, error: undefined });
});

importRoutes.post('/', async (c) => {
  const upload = await receiveImportUpload(c.req.raw);
  try {
    const isZip = upload.head[0] === 0x50 && upload.head[1] === 0x4b;
    const sheets = isZip ? (await checkXlsxArchive(upload.path)).sheets : undefined;
    const analysis = await analyzeImportFile({ head: upload.head, open: async () => createReadStream(upload.path) });
    const stored = await c.get('services').storage.put(createReadStream(upload.path), { filename: upload.fileName, contentType: isZip ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' });
    const id = await createImportJob({
      fileName: upload.fileName,
      fileKey: stored.key,
      size: stored.size,
      sheets,
      analysis,
      mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows),
      actor: c.get('user')!,
      dateOrder: defaultDateOrder(),
    });
    return c.redirect(`/settings/import/${id}`, 303);
  } catch (err) {
    if (!(err instanceof InvalidImportFile)) throw err;
    const { jobs, total } = await listImports(1);
    return render(c, 'imports/index', { title: 'Import contacts', jobs, total, page: 1, pages: Math.max(1, Math.ceil(total / IMPORTS_PER_PAGE)), maxMb: IMPORT_MAX_BYTES / 1024 / 1024, error: `${upload.fileName}: ${err.message}` }, 422);
  } finally {
    await upload.discard();
  }
});

importRoutes.get('/:id', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  const saved = await listSavedMappings();
  const chosen = saved.find((m) => m._id === c.req.query('mapping'));
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
importRoutes.post('/:id/read', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (job.status !== 'uploaded' && job.status !== 'checked') throw new AppError('CONFLICT', 'This import has already started.');
  const o = readOptionsForm.parse(await c.req.parseBody());
  const storage = c.get('services').storage;
  const head = await readHead(await storage.get(job.fileKey).then((f) => f.stream));
  try {
    const analysis = await analyzeImportFile({ head, open: async () => (await storage.get(job.fileKey)).stream, override: job.read.format === 'csv' ? { encoding: o.encoding, delimiter: o.delimiter } : { sheet: o.sheet } });
    await updateImportJob(job._id, { read: analysis.read, headers: analysis.headers, sampleRows: analysis.sampleRows, warnings: analysis.warnings, mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), status: 'uploaded' });
  } catch (err) {
    if (!(err instanceof InvalidImportFile)) throw err;
    await updateImportJob(job._id, { warnings: [err.message] });
  }
  return c.redirect(`/settings/import/${job._id}`, 303);
});

/** Saves the mapping and policy and starts the dry run. */
importRoutes.post('/:id/mapping', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  if (job.status !== 'uploaded' && job.status !== 'checked') throw new AppError('CONFLICT', 'This import has already started.');
  const form = parseMappingForm(await c.req.parseBody(), job.headers.length);
  if (!form.ok) {
    return render(c, 'imports/page', {
      title: `Import ${job.fileName}`, job, mapping: form.mapping, values: { policy: form.policy, dateOrder: form.dateOrder, saveAs: form.saveAs }, errors: form.errors, saved: await listSavedMappings(), chosen: undefined,
      progress: importProgress(job), fields: IMPORT_FIELDS, policies: IMPORT_POLICIES, encodings: ENCODINGS, delimiters: DELIMITER_LABELS, outcomes: IMPORT_OUTCOMES,
    }, 422);
  }
  const user = c.get('user')!;
  if (form.saveAs) await saveNamedMapping({ name: form.saveAs, headers: job.headers, mapping: form.mapping, actorId: String(user.id) });
  const attempt = (job.dryRuns ?? 0) + 1;
  await updateImportJob(job._id, { mapping: form.mapping, policy: form.policy, dateOrder: form.dateOrder, status: 'checking', dryRuns: attempt, dryRun: null });
  const workflowId = await startImportWorkflow(c.get('services').temporal, { importId: job._id, kind: 'dry-run', attempt, taskQueue: c.get('services').taskQueue, actorId: String(user.id), fileName: job.fileName });
  await updateImportJob(job._id, { activeWorkflowId: workflowId });
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
  await updateImportJob(job._id, { status: 'running' });
  const workflowId = await startImportWorkflow(c.get('services').temporal, { importId: job._id, kind: 'run', taskQueue: c.get('services').taskQueue, actorId: String(c.get('user')!.id), fileName: job.fileName });
  await updateImportJob(job._id, { activeWorkflowId: workflowId });
  return c.redirect(`/settings/import/${job._id}`, 303);
});

importRoutes.post('/:id/cancel', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  const workflowId = (job as { activeWorkflowId?: string }).activeWorkflowId;
  if (workflowId && (job.status === 'running' || job.status === 'checking')) await c.get('services').temporal.workflow.getHandle(workflowId).cancel();
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
  await updateImportJob(job._id, { status: 'undoing' });
  const workflowId = await startImportWorkflow(c.get('services').temporal, { importId: job._id, kind: 'undo', taskQueue: c.get('services').taskQueue, actorId: String(c.get('user')!.id), fileName: job.fileName });
  await updateImportJob(job._id, { activeWorkflowId: workflowId });
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

importRoutes.get('/:id/rows', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  const q = rowsQuery.parse(c.req.query());
  const { rows, total } = await listLedgerRows({ importId: job._id, outcome: q.outcome, page: q.page, perPage: ROWS_PER_PAGE });
  const data = { title: `Rows of ${job.fileName}`, job, q, rows, total, pages: Math.max(1, Math.ceil(total / ROWS_PER_PAGE)), outcomes: IMPORT_OUTCOMES };
  return render(c, isHtmx(c) ? 'imports/rows-table' : 'imports/rows', data);
});

/** The failed rows with their original values and the reason, as a CSV staff can fix and import again. */
importRoutes.get('/:id/errors.csv', async (c) => {
  const job = await jobOr404(c.req.param('id'));
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${job.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}-errors.csv"`);
  const columns = [...job.headers.map((h, i) => h || `Column ${i + 1}`), 'Import row', 'Import error'];
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

async function readHead(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    parts.push(chunk as Buffer);
    n += (chunk as Buffer).length;
    if (n >= 64 * 1024) break;
  }
  stream.destroy();
  return Buffer.concat(parts).subarray(0, 64 * 1024);
}
