// A local stand-in for SendGrid and Twilio that speaks their HTTP APIs, so
// Casebook's real SDKs make real HTTP calls in development and tests (see
// README, "Email and SMS"). Started by scripts/services like the other
// services: node --import tsx scripts/capture/capture-server.ts --port 4010 --data .data/capture
//
// Not Mailpit: Mailpit takes SMTP, not SendGrid's HTTP API, and nothing
// maintained speaks Twilio's; the dashboard's Outbox page is the viewer.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureControl } from './capture-control';
import { createFaults } from './capture-faults';
import { openCaptureStore } from './capture-store';
import { sendGridApi } from './sendgrid-api';
import { twilioApi } from './twilio-api';

export function createCaptureApp(dataFile?: string) {
  const store = openCaptureStore(dataFile);
  const faults = createFaults();
  const sendGrid = sendGridApi(store, faults);
  const twilio = twilioApi(store, faults);
  const app = new Hono();
  app.route('/', captureControl({ store, faults, sendGridAccount: sendGrid.accountFor, twilio: twilio.accounts }));
  app.route('/', sendGrid.app);
  app.route('/', twilio.app);
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4010' }, host: { type: 'string', default: '127.0.0.1' }, data: { type: 'string' } } });
  const app = createCaptureApp(values.data ? join(values.data, 'captured.jsonl') : undefined);
  serve({ fetch: app.fetch, port: Number(values.port), hostname: values.host }, (info) => {
    process.stdout.write(`capture server (SendGrid + Twilio APIs) on http://${values.host}:${info.port}\n`);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
}
