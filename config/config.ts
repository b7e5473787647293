// Configuration is read from the environment once, validated, and frozen.
// Every entry point imports `config` from here; nothing outside config/ reads
// process.env (the development tools' own settings are in ./dev-tools.ts).
import { z } from 'zod';
import type { EmailRules } from '../domain/contacts/normalize-email';
import type { TemporalConnectionSettings } from '../temporal/connection-options';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // The address staff open the dashboard at, when it is not the one the web server sees (behind a TLS proxy):
  // form posts are accepted from this origin.
  PUBLIC_URL: z.string().url().optional(),
  // Addresses of the reverse proxies in front of the web server, comma-separated: only their X-Forwarded-For is believed
  // (login limits count per client address). Empty: the socket's address is the client's.
  TRUSTED_PROXIES: z.string().default('').transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean)),
  MONGODB_URI: z.string().optional(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]+$/).default('casebook'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  // TLS to Temporal (temporal/connection-options.ts): on when a certificate, CA, server name or API key is set;
  // TEMPORAL_TLS=true forces it with the system CAs. Files are PEM; the key never reaches a log.
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TASK_QUEUE: z.string().default('casebook'),
  // What a worker process serves: 'general' (the workflows and their activities), 'imports' (the import
  // activities, on TEMPORAL_TASK_QUEUE + '-imports'), or 'all' (both, in one process: tests, small installs).
  WORKER_ROLE: z.enum(['all', 'general', 'imports', 'bundles']).default('all'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TEMPORAL_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  MONGODB_PORT: z.coerce.number().int().default(27017),
  DATA_DIR: z.string().default('.data'),
  SECURE_COOKIES: bool.optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  DEFAULT_PHONE_REGION: z.string().length(2).default('US'),
  // Where the firm is: staff see times in it until they choose their own timezone (Your settings).
  FIRM_TIMEZONE: z.string().refine((z) => { try { new Intl.DateTimeFormat('en-US', { timeZone: z }); return true; } catch { return false; } }, 'not a known timezone (e.g. America/Chicago)').default('America/Chicago'),
  // Duplicate matching: 'gmail' treats j.doe+x@gmail.com as jdoe@gmail.com (same mailbox); 'exact' compares addresses as written.
  EMAIL_MATCH_RULES: z.enum(['gmail', 'exact']).default('gmail'),
  // When the nightly duplicate sweep runs (Temporal Schedule casebook-dedupe-sweep-nightly).
  DEDUPE_SWEEP_CRON: z.string().default('0 2 * * *'),
  DEDUPE_SWEEP_TIMEZONE: z.string().default('UTC'),
  // Off unless set: sweeps merge groups scoring at least this (e.g. 0.9999) through MergeContactsWorkflow (audited, undoable).
  DEDUPE_AUTO_MERGE_ABOVE: z.coerce.number().min(0.5).max(1).optional(),
  // Staff sessions end this long after their last request, and this long after login whatever happens.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  // How long a Download All bundle and its emailed link last before the bundle is deleted (the help page: 24 hours).
  BUNDLE_LIFETIME_SECONDS: z.coerce.number().int().min(5).max(30 * 24 * 3600).default(24 * 3600),
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  // auto: asked of the server. mongodb: MongoDB's indexes and read paths whatever answers (the tests' database mode,
  // on FerretDB); never needed against a real MongoDB.
  DATABASE_ENGINE: z.enum(['auto', 'mongodb']).default('auto'),
  // auto: in-memory contact list index on FerretDB (which cannot use secondary indexes), database queries on MongoDB.
  CONTACT_LIST_INDEX: z.enum(['auto', 'memory', 'database']).default('auto'),
  // Email and SMS (the outbox; README "Email and SMS"). Shown in every message and used for its links.
  FIRM_NAME: z.string().min(1).default('Casebook Law'),
  // The client portal (README "Client portal"): the firm's colour, an extra check before documents, and how long
  // a portal session lasts without a request (it never outlives its link).
  FIRM_COLOR: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1d4ed8').default('#1d4ed8'),
  PORTAL_STEP_UP: z.enum(['none', 'phone-last4', 'one-time-code']).default('none'),
  // A form sent to a client stays open this long, and is reminded these many days after it was sent while it is not submitted.
  FORM_LIFETIME_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  FORM_REMINDER_DAYS: z.string().regex(/^\s*(\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*)?$/, 'days, comma-separated (e.g. 2,5)').default('2,5').transform((s) => s.split(',').map((d) => Number(d.trim())).filter((d) => d > 0)),
  PORTAL_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(120),
  // Portal link opens (right or wrong token) per client address per 10 minutes.
  PORTAL_TOKEN_ATTEMPTS: z.coerce.number().int().min(3).max(10_000).default(30),
  // Links in messages point here (portal links, bundle downloads); PUBLIC_URL when set, else the web server's address.
  EMAIL_FROM: z.string().email().default('no-reply@casebook.local'),
  EMAIL_REPLY_TO: z.string().email().optional(),
  SENDGRID_API_KEY: z.string().optional(),
  // Development and tests point the SendGrid and Twilio SDKs at the capture server (scripts/capture); unset in production.
  SENDGRID_API_URL: z.string().url().optional(),
  // The Event Webhook's verification key (SendGrid: Mail Settings -> Signed Event Webhook), base64 or PEM. Unset: events are refused.
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'an account SID (AC + 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  // The number (E.164) or Messaging Service (MG…) texts come from.
  TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{7,14}|MG[0-9a-fA-F]{32})$/, 'an E.164 number or a Messaging Service SID').optional(),
  TWILIO_API_URL: z.string().url().optional(),
  // When texts may reach contacts, in their local time (stricter US state rules apply on top), and per purpose.
  SMS_HOURS: z.string().default('08:00-21:00'),
  SMS_HOURS_BY_PURPOSE: z.string().default(''), // e.g. "reminder=09:00-20:00,portal-link=08:00-21:00"
  // The capture server's address: the dashboard's Outbox page (development only) reads what it received.
  CAPTURE_URL: z.string().url().optional(),
  // The process's name in its log lines (npm start names each: worker, import-worker, web).
  CASEBOOK_SERVICE: z.string().default('casebook'),
});

export type Config = z.infer<typeof schema> & { secureCookies: boolean };

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // A variable set to nothing (compose's `${X:-}`) means unset.
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const c = result.data;
  return Object.freeze({ ...c, secureCookies: c.SECURE_COOKIES ?? c.NODE_ENV === 'production' });
}

export const config: Config = parseConfig(process.env);

/** How duplicate matching compares emails (EMAIL_MATCH_RULES), as the matching engine takes it. */
export const emailRules: EmailRules = { gmailDotsAndPlus: config.EMAIL_MATCH_RULES === 'gmail' };

/** How to reach Temporal (address, TLS, API key), as temporal/connection-options.ts takes it; undefined without TEMPORAL_ADDRESS. */
export function temporalSettings(c: Config = config): TemporalConnectionSettings | undefined {
  if (!c.TEMPORAL_ADDRESS) return undefined;
  return {
    address: c.TEMPORAL_ADDRESS,
    tls: c.TEMPORAL_TLS,
    clientCertPath: c.TEMPORAL_TLS_CERT,
    clientKeyPath: c.TEMPORAL_TLS_KEY,
    serverCaPath: c.TEMPORAL_TLS_CA,
    serverName: c.TEMPORAL_TLS_SERVER_NAME,
    apiKey: c.TEMPORAL_API_KEY,
  };
}
