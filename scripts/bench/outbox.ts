import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { join } from 'node:path';
import { createContact } from '../../activities/contacts/create-contact';
import { queueMessage } from '../../activities/outbox/queue-message';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { Message } from '../../db/models/index';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { connectTemporal } from '../../temporal/connection';
import { buildWorkflowBundle } from '../build-workflow-bundle';
import { captureAccount, connectCapture } from '../capture/connect-capture';
import { dataDir } from '../services/paths';
import { TEST_NAMESPACE } from '../services/index';
import { startWorkerProcess, type WorkerProcess } from '../services/worker-process';
import { percentile, round } from './stats';
import type { BenchEntry } from './types';
import { FINAL_STATUSES, type MessageStatus } from '../../domain/outbox/message-status';

const SENT: MessageStatus[] = ['accepted', 'sent', 'delivered'];
const ACTOR = { id: new Types.ObjectId(), name: 'Outbox bench' };

/** A fixed-offset zone where it is now mid-afternoon, so nothing is held for quiet hours. */
function afternoonZone(): string {
  const offset = ((new Date().getUTCHours() - 14 + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '+' : '-'}${Math.abs(offset)}`;
}

/**
 * The outbox end to end: `size` messages (half email, half SMS, ten per
 * contact) queued and delivered by DeliverMessageWorkflow on a real worker
 * process to the capture server over HTTP. Then half as many again while the
 * worker is killed (SIGKILL) three times: what the capture server received is
 * counted against what was queued, for anything lost or sent twice.
 */
export const outboxBench: BenchEntry = {
  name: 'outbox',
  description: 'email and SMS queued and delivered through the capture server; then with the worker killed three times',
  defaultSize: 10_000,
  async run({ size, services, dbName, log }) {
    await mongoose.connect(services.mongodbUri, { dbName });
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    const connection = await connectTemporal(services.temporalAddress);
    const client = new Client({ connection, namespace: TEST_NAMESPACE });
    const account = captureAccount(`bench-outbox-${Date.now()}`);
    // Webhooks go nowhere (port 9 refuses): the bench measures queued -> accepted by the provider.
    const providerEnv = await connectCapture({ captureUrl: services.captureUrl, account, webhookBaseUrl: 'http://127.0.0.1:9' });
    const bundlePath = await buildWorkflowBundle(join(dataDir, 'bench', 'workflow-bundle.js'));
    const taskQueue = `bench-outbox-${Date.now()}`;
    const workerEnv = { mongodbUri: services.mongodbUri, dbName, temporalAddress: services.temporalAddress, namespace: TEST_NAMESPACE, taskQueue, bundlePath, role: 'general' as const, extraEnv: { ...providerEnv, PUBLIC_URL: 'http://127.0.0.1:9' } };
    let worker: WorkerProcess = await startWorkerProcess(workerEnv);
    let peakRss = 0;
    const notePeak = () => (peakRss = Math.max(peakRss, worker.peakRssBytes()));

    const contacts: { id: Types.ObjectId; email: string; phone: string }[] = [];
    const zone = afternoonZone();
    for (let i = 0; i < Math.ceil((size * 1.5) / 10); i++) {
      // Never ending 0000 or 9999: the capture server treats those as a landline and an unreachable phone.
      const phone = `+1720${2_000_001 + i}`;
      const created = await createContact({ input: { firstName: 'Bench', lastName: `Outbox${i}`, phones: [{ raw: phone, type: 'mobile', primary: true }], emails: [{ address: `bench${i}@example.com`, primary: true }], timezone: zone }, actor: ACTOR, region: 'US' });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      contacts.push({ id: created.contact._id, email: `bench${i}@example.com`, phone });
    }

    async function queueAll(from: number, count: number, label: string): Promise<string[]> {
      const ids: string[] = new Array(count);
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let k = next++; k < count; k = next++) {
            const n = from + k;
            const c = contacts[Math.floor(n / 10)]!;
            const channel = n % 2 ? 'sms' : 'email';
            const queued = await queueMessage({ contactId: c.id, channel, to: channel === 'sms' ? c.phone : c.email, subject: `Bench ${label} ${n}`, body: `Bench message ${label} #${n}`, purpose: 'staff-message', actor: ACTOR });
            if (!queued.ok) throw new Error(JSON.stringify(queued.errors));
            await startMessageDelivery(client, { messageId: queued.messageId, taskQueue, channel, purpose: 'staff-message' });
            ids[k] = queued.messageId;
          }
        }),
      );
      return ids;
    }
    const sentCount = async (ids: Types.ObjectId[]) => Message.countDocuments({ _id: { $in: ids }, status: { $in: [...SENT, ...FINAL_STATUSES] } });
    async function waitAllSent(ids: string[], onProgress?: (done: number) => Promise<void>) {
      const oids = ids.map((id) => new Types.ObjectId(id));
      for (let done = 0; done < ids.length; ) {
        await new Promise((r) => setTimeout(r, 1000));
        done = await sentCount(oids);
        notePeak();
        await onProgress?.(done);
        if (done < ids.length) log(`  ${done} / ${ids.length} done`);
      }
    }

    try {
      // Phase 1: nothing held, nothing killed.
      let started = performance.now();
      const first = await queueAll(0, size, 'run');
      const queuedIn = (performance.now() - started) / 1000;
      log(`${size} messages queued in ${queuedIn.toFixed(1)} s`);
      await waitAllSent(first);
      const seconds = (performance.now() - started) / 1000;
      const latencies = (await Message.find({ _id: { $in: first.map((id) => new Types.ObjectId(id)) } }, { timeline: 1 }).lean()).map((m) => {
        const t = m.timeline ?? [];
        const accepted = t.find((x) => x.status === 'accepted');
        return accepted ? accepted.at.getTime() - t.find((x) => x.status === 'queued')!.at.getTime() : NaN;
      });
      const failed = latencies.filter((l) => Number.isNaN(l)).length;

      // Phase 2: the worker killed three times while half as many messages go out.
      const half = Math.max(10, Math.round(size / 2));
      started = performance.now();
      const second = await queueAll(size, half, 'crash');
      const kills = [0.25, 0.5, 0.75].map((f) => Math.round(f * half));
      await waitAllSent(second, async (done) => {
        if (kills.length && done >= kills[0]!) {
          kills.shift();
          notePeak();
          log(`  ${done} / ${half} accepted: killing the worker (SIGKILL) and starting another`);
          await worker.kill('SIGKILL');
          worker = await startWorkerProcess(workerEnv);
        }
      });
      const crashSeconds = (performance.now() - started) / 1000;
      const captured = (await (await fetch(`${services.captureUrl}/_capture/messages?account=${account.twilioAccountSid}`)).json()).messages.concat(
        (await (await fetch(`${services.captureUrl}/_capture/messages?apiKey=${encodeURIComponent(account.sendGridApiKey)}`)).json()).messages,
      ) as { text?: string }[];
      const perMessage = new Map<string, number>();
      for (const m of captured) {
        const key = /Bench message crash #(\d+)/.exec(m.text ?? '')?.[1];
        if (key) perMessage.set(key, (perMessage.get(key) ?? 0) + 1);
      }
      const lost = half - perMessage.size;
      const twice = [...perMessage.values()].filter((n) => n > 1).length;
      return [
        { metric: 'messages/s end to end (queued -> accepted by the provider)', value: round(size / seconds, 1), unit: 'msg/s' },
        { metric: 'queueing (record + start workflow), 16 at a time', value: round(size / queuedIn, 1), unit: 'msg/s' },
        { metric: 'queued -> accepted p50', value: round(percentile(latencies.filter((l) => !Number.isNaN(l)), 50) / 1000, 2), unit: 's' },
        { metric: 'queued -> accepted p95', value: round(percentile(latencies.filter((l) => !Number.isNaN(l)), 95) / 1000, 2), unit: 's' },
        { metric: 'not accepted (failed or suppressed; 0 expected)', value: failed, unit: 'messages' },
        { metric: 'worker peak memory (RSS)', value: round(peakRss / 1024 / 1024, 0), unit: 'MB' },
        { metric: `with 3 worker kills: messages, wall time`, value: round(crashSeconds, 1), unit: `s for ${half}` },
        { metric: 'with 3 worker kills: lost (queued, never received)', value: lost, unit: 'messages' },
        { metric: 'with 3 worker kills: sent twice (received more than once)', value: twice, unit: 'messages' },
      ];
    } finally {
      await worker.kill();
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
