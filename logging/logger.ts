import { pino } from 'pino';
import { config } from '../config/config';

// Structured JSON logs in production; readable lines when a person is watching.
export const logger = pino({
  level: config.LOG_LEVEL,
  base: { service: config.CASEBOOK_SERVICE },
  ...(process.stdout.isTTY && config.NODE_ENV !== 'production'
    ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } }
    : {}),
});
