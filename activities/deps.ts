import type { Logger } from 'pino';
import type { EmailRules } from '../domain/contacts/normalize-email';
import type { Storage } from '../storage/storage';
import type { OutboxDeps } from './outbox/outbox-deps';

/** What activities may touch. The worker wires real implementations; nothing else constructs these. */
export type ActivityDeps = {
  defaultPhoneRegion: string;
  emailRules: EmailRules;
  storage: Storage;
  /** A local directory for indexes worth keeping between jobs (the import match index); optional. */
  indexDir?: string;
  /** Email and SMS providers and the sending rules (activities/outbox). */
  outbox: OutboxDeps;
  clock: () => Date;
  log: Logger;
};

/** What workers that send nothing get (imports, bundles): no providers' SDKs loaded. */
export type ActivityDepsWithoutOutbox = Omit<ActivityDeps, 'outbox'>;
