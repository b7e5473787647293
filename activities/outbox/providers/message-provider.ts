// What the outbox needs of an email or SMS provider: send, and find a
// message an earlier, interrupted attempt may have sent (see
// ../send-message.ts for why). Providers classify their failures so the
// workflow retries only what can succeed later.
export type OutgoingMessage = {
  outboxId: string;
  to: string;
  subject?: string;
  text: string;
  html?: string;
};

export type MessageProvider = {
  name: 'sendgrid' | 'twilio';
  /** Hands the message over; resolves with the provider's id for it. */
  send(m: OutgoingMessage): Promise<{ providerMessageId: string }>;
  /** The provider's id of this message if an earlier attempt (begun at `since`) reached the provider. */
  findEarlier(m: OutgoingMessage, since: Date): Promise<string | undefined>;
};

/**
 * A provider's refusal. transient: try again later (429, 5xx, no answer);
 * permanent: this message can never go (invalid address or number, opted
 * out, a landline), with a reason staff can read.
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent',
    message: string,
    readonly providerCode?: string,
    /** No answer came (a timeout, a dropped connection): the provider may have taken the message. */
    readonly uncertain = false,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** A provider not configured: every message on its channel fails with this reason. */
export function unconfiguredProvider(name: MessageProvider['name'], reason: string): MessageProvider {
  const refuse = async (): Promise<never> => {
    throw new ProviderError('permanent', reason);
  };
  return { name, send: refuse, findEarlier: async () => undefined };
}
