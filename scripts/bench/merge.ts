import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { requestMerge } from '../../activities/merge/request-merge';
import { Contact } from '../../db/models/index';
import { defaultChoices, type MergeableContact } from '../../domain/merge/merge-fields';
import { mergeWorkflowResult, startMergeWorkflow } from '../../temporal/merge-contacts';
import { connectTemporal } from '../../temporal/connection';
import { createLinkedContacts } from '../fixtures/linked-contacts';
import { TEST_NAMESPACE } from '../services/index';
import { startBenchWorker } from './in-process-worker';
import { round } from './stats';
import type { BenchEntry } from './types';

/**
 * Merging two contacts end to end (request, MergeContactsWorkflow on a real
 * worker, verified result) where the duplicate has `size` messages and, in
 * proportion, size/100 cases, size/10 notes and size/25 documents (5,000 ->
 * 50 cases, 500 notes, 200 documents). Database commands are counted at a
 * tenth of the size and at full size: the count must not grow with the items.
 */
export const mergeBench: BenchEntry = {
  name: 'merge',
  description: 'MergeContactsWorkflow end to end for a contact with many linked items',
  defaultSize: 5000,
  async run({ size, services, dbName, log }) {
    await mongoose.connect(services.mongodbUri, { dbName, monitorCommands: true });
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    let commands = 0;
    mongoose.connection.getClient().on('commandStarted', () => commands++);
    const connection = await connectTemporal(services.temporalAddress);
    const client = new Client({ connection, namespace: TEST_NAMESPACE });
    const taskQueue = `bench-merge-${Date.now()}`;
    const worker = await startBenchWorker(services.temporalAddress, TEST_NAMESPACE, taskQueue);
    const actor = { id: new Types.ObjectId(), name: 'Bench' };
    async function mergeOnce(messages: number) {
      const [survivorId, loserId] = await createLinkedContacts([
        { firstName: 'Robert', lastName: 'Bench', phone: '4155550100', cases: 2, messages: 10, notes: 2, documents: 1 },
        { firstName: 'Bob', lastName: 'Bench', phone: '4155550100', cases: messages / 100, messages, notes: messages / 10, documents: messages / 25 },
      ]);
      const contacts = await Contact.find({ _id: { $in: [survivorId, loserId] } }).lean<MergeableContact[]>();
      commands = 0;
      const started = performance.now();
      const request = await requestMerge({ survivorId: survivorId!, loserIds: [loserId!], choices: defaultChoices(contacts, String(survivorId)), actor });
      if (!request.ok) throw new Error(request.reason);
      const workflowId = await startMergeWorkflow(client, { mergeId: request.mergeId, taskQueue, actorId: String(actor.id), kind: 'merge', summary: 'bench merge' });
      const result = await mergeWorkflowResult(client, workflowId);
      if (result.status !== 'completed') throw new Error(`merge ${result.status}: ${result.reason}`);
      const seconds = (performance.now() - started) / 1000;
      log(`${messages} messages: ${seconds.toFixed(2)} s, ${commands} database commands`);
      return { seconds, commands };
    }
    try {
      const small = await mergeOnce(Math.max(100, Math.round(size / 10)));
      const full = await mergeOnce(size);
      return [
        { metric: 'merge wall time (full size)', value: round(full.seconds, 2), unit: 's' },
        { metric: 'merge wall time (tenth size)', value: round(small.seconds, 2), unit: 's' },
        { metric: 'database commands (full size)', value: full.commands, unit: 'commands' },
        { metric: 'database commands (tenth size)', value: small.commands, unit: 'commands' },
      ];
    } finally {
      await worker.stop();
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
