// Provider faults the capture server can be told to simulate, so tests and
// the outbox bench see what production sees: rate limits (429), outages
// (5xx), and an acceptance whose answer never arrives (the message is kept
// as sent, the HTTP response is held until released: a worker killed at that
// moment is the "sent twice?" case).
export type Provider = 'sendgrid' | 'twilio';

export type FaultRule = {
  provider?: Provider; // both when absent
  status?: 429 | 500 | 502 | 503;
  count?: number; // answer this many requests with `status`, then stop
  forMs?: number; // or answer every request with `status` for this long
  holdResponses?: boolean; // accept, record, and keep the response until /_capture/release
  callbacksOff?: boolean; // accept without the delivery webhooks that normally follow (a provider whose webhooks lag)
};

type ActiveRule = FaultRule & { until?: number };

export type Faults = {
  set(rule: FaultRule): void;
  clear(): void;
  /** The status to answer with instead of handling the request, if a rule says so. */
  failureFor(provider: Provider): number | undefined;
  /** Resolves when responses to `provider` may go out (at once unless held). */
  released(provider: Provider): Promise<void>;
  /** Whether messages accepted now get their usual delivery webhooks. */
  callbacksOn(provider: Provider): boolean;
  release(): void;
  held(): number;
};

export function createFaults(now = () => Date.now()): Faults {
  let rules: ActiveRule[] = [];
  let waiting: (() => void)[] = [];
  const applies = (r: ActiveRule, p: Provider) => !r.provider || r.provider === p;
  return {
    set(rule) {
      rules.push({ ...rule, until: rule.forMs ? now() + rule.forMs : undefined });
    },
    clear() {
      rules = [];
      this.release();
    },
    failureFor(p) {
      rules = rules.filter((r) => (r.until === undefined || r.until > now()) && (r.count === undefined || r.count > 0));
      const rule = rules.find((r) => applies(r, p) && r.status);
      if (!rule) return undefined;
      if (rule.count !== undefined) rule.count--;
      return rule.status;
    },
    released(p) {
      if (!rules.some((r) => applies(r, p) && r.holdResponses)) return Promise.resolve();
      return new Promise((done) => waiting.push(done));
    },
    callbacksOn(p) {
      return !rules.some((r) => applies(r, p) && r.callbacksOff);
    },
    release() {
      rules = rules.filter((r) => !r.holdResponses);
      const all = waiting;
      waiting = [];
      for (const done of all) done();
    },
    held: () => waiting.length,
  };
}
