import type { Logger } from 'pino';

/** What activities may touch. The worker wires real implementations; nothing else constructs these. */
export type ActivityDeps = {
  defaultPhoneRegion: string;
  clock: () => Date;
  log: Logger;
};
