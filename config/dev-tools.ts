// Settings of the development tools (npm start, the tests, the benchmarks,
// the service installers), read from the environment once like the
// product's own (./config.ts). None of them matters in production.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1']).optional().transform((v) => v === '1');

const schema = z.object({
  // Where the installed Temporal CLI and FerretDB builds are cached, so a fresh clone does not build them again.
  CASEBOOK_CACHE_DIR: z.string().default(join(homedir(), '.cache', 'casebook', 'tools')),
  // The folder holding datasets/febrl/ (the matching engine's training and benchmark sets); default ../shared.
  CASEBOOK_SHARED_DIR: z.string().optional(),
  // Contacts `npm start` loads into an empty database (0: none).
  DEMO_CONTACTS: z.coerce.number().int().min(0).max(100_000).default(300),
  // Chromium for the browser tests and screenshots; default: Debian's.
  CHROMIUM_PATH: z.string().optional(),
  // The 1,000,000-contact contacts-list bench reads this database (filled with npm run seed) instead of seeding its own.
  BENCH_LIST_DB: z.string().optional(),
  // 1: the sweep bench keeps the derived data of an earlier run of the same size (its first sweep is then not cold).
  CASEBOOK_BENCH_SWEEP_KEEP: flag,
  // A folder: worker and web processes started by the tests and benchmarks write their CPU profile there when they stop.
  CASEBOOK_CPU_PROF: z.string().optional(),
  // 1: the tests stream their worker processes' logs.
  CASEBOOK_TEST_VERBOSE: flag,
  // The capture server (local SendGrid and Twilio, scripts/capture) listens here.
  CAPTURE_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  // Rows of the import crash test (killed three times); smaller is quicker locally.
  CASEBOOK_IMPORT_CRASH_ROWS: z.coerce.number().int().min(1).default(200_000),
});

export type DevToolsConfig = z.infer<typeof schema>;

function parseDevToolsConfig(env: NodeJS.ProcessEnv): DevToolsConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid development settings (see .env.example):\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

export const devTools: DevToolsConfig = parseDevToolsConfig(process.env);

/** The environment for a child process: this process's own, with `extra` on top (an undefined value keeps what it inherits). */
export function childProcessEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}
