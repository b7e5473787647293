// `npm run services [-- --install-only]`: provision (and optionally run) the
// local Temporal dev server and database without the app. CI uses
// --install-only to build tools before the tests start.
import { ensureServices } from './services/index';

async function run() {
  const installOnly = process.argv.includes('--install-only');
  const started = Date.now();
  const services = await ensureServices({ installOnly });
  console.log(`Temporal: ${services.temporalAddress} (${services.rungs.temporal})`);
  if (services.temporalUiUrl) console.log(`Temporal UI: ${services.temporalUiUrl}`);
  console.log(`Database: ${services.mongodbUri} (${services.rungs.database})`);
  console.log(`Capture server (SendGrid + Twilio): ${services.captureUrl}`);
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (installOnly) return;
  console.log('Press Ctrl-C to stop.');
  const shutdown = () => void services.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
