// What the outbox's activities are given by the worker: the two providers
// and the sending rules, all from configuration (./outbox-from-config.ts).
import type { MessagePurpose } from '../../domain/outbox/message-purposes';
import type { SendingWindow } from '../../domain/outbox/quiet-hours';
import type { MessageProvider } from './providers/message-provider';

export type OutboxDeps = {
  email: MessageProvider;
  sms: MessageProvider;
  /** The local hours a text of this purpose may reach a contact. */
  smsWindow: (purpose: MessagePurpose) => SendingWindow;
  /** The firm's timezone: a contact's own when it has none. */
  firmTimezone: string;
  /** Where links in messages point (PUBLIC_URL, else the web server's address). */
  publicUrl: string;
};
