import type { Logger } from 'pino';
import type { EmailRules } from '../domain/contacts/normalize-email';
import type { Storage } from '../storage/storage';

/** What activities may touch. The worker wires real implementations; nothing else constructs these. */
export type ActivityDeps = {
  defaultPhoneRegion: string;
  emailRules: EmailRules;
  storage: Storage;
  /** A local directory for indexes worth keeping between jobs (the import match index); optional. */
  indexDir?: string;
  clock: () => Date;
  log: Logger;
};
