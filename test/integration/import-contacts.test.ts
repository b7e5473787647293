import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger, ledgerEntries } from '../../db/imports/import-ledger';
import { loadImportJob } from '../../db/imports/import-jobs';
import { settleImportConflict } from '../../activities/imports/settle-import-conflict';
import { Contact, ImportJob, type ContactDoc } from '../../db/models/index';
import { insertExistingContacts, writeImportCsv, writeImportXlsx } from '../../scripts/fixtures/import-fixture';
import { IMPORT_FILE_HEADER, importPerson } from '../../domain/demo-data/generate-import-file-rows';
import { importJobFromFile, runImportPass } from '../support/import-from-file';
import { startImportWorkflow } from '../../temporal/import-contacts';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

const EXISTING = 2000;
const ROWS = 3000;
const contactsById = async () => (await Contact.collection.find({}).toArray()).sort((a, b) => String(a._id).localeCompare(String(b._id)));

describe('ImportContactsWorkflow on the real servers', () => {
  let env: TestEnv;
  let worker: WorkerProcess | undefined;
  let importWorker: WorkerProcess | undefined;
  const file = join(tmpdir(), `casebook-import-test-${process.pid}.csv`);

  beforeAll(async () => {
    env = await openTestEnv('import');
    // Deployed as in production: the workflows on one worker, the import activities on an imports worker of their own.
    [worker, importWorker] = await Promise.all([startWorkerProcess({ ...env, role: 'general' }), startWorkerProcess({ ...env, role: 'imports' })]);
    await insertExistingContacts(EXISTING);
    await writeImportCsv(file, ROWS, EXISTING);
  });
  afterAll(async () => {
    await worker?.kill();
    await importWorker?.kill();
    await env.close();
  });

  it('Merge: the dry run predicts the import, every row gets one ledger entry, and undo restores every contact exactly', async () => {
    const before = await contactsById();
    const importId = await importJobFromFile(file, { policy: 'merge' });
    const dry = await runImportPass(env, importId, 'dry-run');
    expect(await Contact.countDocuments()).toBe(EXISTING); // a dry run writes no contact
    const run = await runImportPass(env, importId, 'run');
    expect(run.counts).toEqual(dry.counts);
    const total = Object.values(run.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(ROWS);
    // ~10% of rows copy an existing contact, 1% the row before, 0.5% have a broken email.
    expect(run.counts.failed).toBe(15);
    expect(run.counts.merged + run.counts.skipped).toBeGreaterThanOrEqual(300 + 29);

    const entries = [];
    for await (const batch of readLedger(importId)) entries.push(...ledgerEntries(batch));
    expect(entries.map((e) => e.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    expect(await Contact.countDocuments()).toBe(EXISTING + run.counts.created);
    const created = entries.find((e) => e.outcome === 'created')!;
    expect(await Contact.exists({ _id: new Types.ObjectId(created.contactId) })).toBeTruthy();
    expect(entries.find((e) => e.outcome === 'failed')).toMatchObject({ reason: expect.stringMatching(/is not an email address/), values: expect.any(Array) });
    // A merge filled the birth date the contact lacked and kept its other values.
    const merged = entries.find((e) => e.outcome === 'merged' && /date of birth/.test(e.reason ?? ''))!;
    const mergedContact = await Contact.findOne({ _id: new Types.ObjectId(merged.contactId) }).lean();
    const original = before.find((c) => String(c._id) === merged.contactId)!;
    expect(mergedContact!.dateOfBirth).toBeTruthy();
    expect(original.dateOfBirth).toBeFalsy();
    expect(mergedContact!.emails[0]!.address).toBe(original.emails[0].address);

    await runImportPass(env, importId, 'undo');
    expect(await contactsById()).toEqual(before);
    const job = await loadImportJob(importId);
    expect(job).toMatchObject({ status: 'undone', undo: { deleted: run.counts.created, kept: 0 } });
  });

  // The workbook's sheet is stored before its shared strings, so the reader copies it aside and reads it after the last
  // entry, segment after segment; exceljs's own zip loop lost the shared strings there under load.
  it('an Excel workbook of the same rows gets the same outcome for every row as its CSV', async () => {
    const xlsx = join(tmpdir(), `casebook-import-test-${process.pid}.xlsx`);
    await writeImportXlsx(xlsx, ROWS, EXISTING);
    const outcomes = async (path: string) => {
      const importId = await importJobFromFile(path, { policy: 'merge' });
      const run = await runImportPass(env, importId, 'run');
      const entries = [];
      for await (const batch of readLedger(importId)) entries.push(...ledgerEntries(batch));
      await runImportPass(env, importId, 'undo'); // so the other file meets the same contacts
      return { counts: run.counts, entries: entries.map((e) => [e.row, e.outcome, e.reason ?? '']) };
    };
    const fromCsv = await outcomes(file);
    const fromXlsx = await outcomes(xlsx);
    expect(fromXlsx.entries).toHaveLength(ROWS);
    expect(fromXlsx).toEqual(fromCsv);
  });

  it('Skip, Update and Create do what they say', async () => {
    const small = join(tmpdir(), `casebook-import-small-${process.pid}.csv`);
    await writeImportCsv(small, 40, EXISTING); // rows 3, 13, 23, 33 copy existing contacts (in upper case), row 7 copies row 6, row 11 has a broken email
    const skip = await runImportPass(env, await importJobFromFile(small, { policy: 'skip' }), 'run');
    expect(skip.counts).toMatchObject({ created: 34, skipped: 5, failed: 1, merged: 0, updated: 0 });
    const update = await runImportPass(env, await importJobFromFile(small, { policy: 'update' }), 'run');
    // Now every row is a duplicate (of the first import or of an existing contact). The file's upper-case copies
    // of names and emails are the same values typed differently: they change nothing, and no name turns upper case.
    expect(update.counts).toMatchObject({ created: 0, updated: 0 });
    expect(await Contact.countDocuments({ firstName: { $regex: '^[A-Z]+$' } })).toBe(0);

    // A row with a new city but no street: Update replaces the address whole, Merge keeps it and records one conflict.
    const [moved, other] = [importPerson(5), importPerson(6)];
    const movedFile = join(tmpdir(), `casebook-import-moved-${process.pid}.csv`);
    const row = (p: typeof moved) => [p.firstName, p.lastName, p.email, '', '', '', 'Boulder', 'CO', ''].join(',');
    writeFileSync(movedFile, `${IMPORT_FILE_HEADER.join(',')}\n${row(moved)}\n`);
    expect((await runImportPass(env, await importJobFromFile(movedFile, { policy: 'update' }), 'run')).counts).toMatchObject({ updated: 1 });
    expect((await Contact.findOne({ 'emails.address': moved.email }).lean())!.address).toEqual({ city: 'Boulder', region: 'CO' });
    writeFileSync(movedFile, `${IMPORT_FILE_HEADER.join(',')}\n${row(other)}\n`);
    expect((await runImportPass(env, await importJobFromFile(movedFile, { policy: 'merge' }), 'run')).counts).toMatchObject({ merged: 1 });
    const kept = (await Contact.findOne({ 'emails.address': other.email }).lean())!;
    expect(kept.address).toMatchObject({ street: other.street, city: other.city, postcode: other.zip });
    expect(kept.importConflicts).toMatchObject([{ key: 'address', field: 'Address', kept: `${other.street}, ${other.city}, ${other.state}, ${other.zip}`, incoming: 'Boulder, CO' }]);
    // Staff choosing the file's address get it whole.
    expect(await settleImportConflict({ contact: kept as ContactDoc, index: 0, action: 'use', actor: { id: new Types.ObjectId(), name: 'Test' }, region: 'US' })).toEqual({ ok: true });
    const settled = (await Contact.findById(kept._id).lean())!;
    expect(settled.address).toMatchObject({ city: 'Boulder', region: 'CO' });
    expect(settled.address!.street).toBeFalsy();
    expect(settled.importConflicts ?? []).toEqual([]);
    const create = await runImportPass(env, await importJobFromFile(small, { policy: 'create' }), 'run');
    expect(create.counts).toMatchObject({ created: 39, skipped: 0, failed: 1 });
  });

  it('undo keeps what staff changed after the import', async () => {
    const small = join(tmpdir(), `casebook-import-undo-${process.pid}.csv`);
    await writeImportCsv(small, 12, EXISTING + 50_000);
    const importId = await importJobFromFile(small, { policy: 'merge' });
    await runImportPass(env, importId, 'run');
    const entries = [];
    for await (const batch of readLedger(importId)) entries.push(...ledgerEntries(batch));
    const [a, b] = entries.filter((e) => e.outcome === 'created');
    // Staff edit one created contact and file a note on another.
    await Contact.updateOne({ _id: new Types.ObjectId(a!.contactId) }, { $set: { preferredName: 'Edited' } });
    await mongoose.connection.db!.collection('contact_link_lists').insertOne({ _id: `note:${b!.contactId}`, keys: ['00000000000001:65a000000000000000000001'] } as never);
    await runImportPass(env, importId, 'undo');
    expect(await Contact.exists({ _id: new Types.ObjectId(a!.contactId) })).toBeTruthy();
    expect(await Contact.exists({ _id: new Types.ObjectId(b!.contactId) })).toBeTruthy();
    const job = await ImportJob.collection.findOne({ _id: importId } as never);
    expect(job!.undo).toMatchObject({ kept: 2, deleted: entries.filter((e) => e.outcome === 'created').length - 2 });
    expect(job!.undo.keptReasons.join(' ')).toMatch(/edited since the import.*1 note|1 note.*edited since the import/);
  });
});

describe('imports of bad files and cancelled imports, on the real servers', () => {
  let env: TestEnv;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    env = await openTestEnv('import_bad');
    worker = await startWorkerProcess(env);
  });
  afterAll(async () => {
    await worker?.kill();
    await env.close();
  });

  it.each([
    ['unbalanced-quotes.csv', { created: 1, failed: 1 }],
    ['invalid-phones-emails.csv', { created: 0, failed: 4 }],
    ['quoted-newlines.csv', { created: 2, failed: 0 }],
    ['formula-cells.csv', { created: 0, failed: 2 }],
    ['latin1.csv', { created: 2, failed: 0 }],
  ])('%s: every row gets a ledger entry, the worker keeps running', async (name, expected) => {
    const importId = await importJobFromFile(fileURLToPath(new URL(`../fixtures/import-corpus/${name}`, import.meta.url)), { policy: 'merge' });
    const result = await runImportPass(env, importId, 'run');
    expect(result).toMatchObject({ status: 'completed', counts: expect.objectContaining(expected) });
    const entries = [];
    for await (const batch of readLedger(importId)) entries.push(...ledgerEntries(batch));
    expect(entries).toHaveLength(result.rows);
    expect(entries.filter((e) => e.outcome === 'failed').every((e) => e.reason)).toBe(true);
    expect(worker!.child.exitCode).toBeNull();
  });

  it('a cancelled import stops between batches, keeps a ledger of what it did, and can be undone', async () => {
    await insertExistingContacts(1000);
    const before = await Contact.countDocuments(); // the existing ones and what the bad files created
    const file = join(tmpdir(), `casebook-import-cancel-${process.pid}.csv`);
    await writeImportCsv(file, 100_000, 1000);
    const importId = await importJobFromFile(file, { policy: 'merge' });
    const handle = env.temporal.workflow.getHandle(await startImportWorkflow(env.temporal, { importId, kind: 'run', taskQueue: env.taskQueue, actorId: 'test', fileName: 'cancel.csv' }));
    while (((await ImportJob.collection.findOne({ _id: importId } as never))?.run?.rowsDone ?? 0) < 3000) await new Promise((r) => setTimeout(r, 100));
    await handle.cancel();
    const result = await handle.result();
    expect(result.status).toBe('cancelled');
    expect(result.rows).toBeLessThan(50_000);
    const job = await loadImportJob(importId);
    expect(job!.status).toBe('cancelled');
    const entries = [];
    for await (const batch of readLedger(importId)) entries.push(...ledgerEntries(batch));
    expect(entries.length).toBeGreaterThanOrEqual(result.rows);
    expect(await Contact.countDocuments()).toBe(before + entries.filter((e) => e.outcome === 'created').length);
    await runImportPass(env, importId, 'undo');
    expect(await Contact.countDocuments()).toBe(before);
  });
});
