// What the capture server received, kept in memory and appended to a JSON
// Lines file so a restart (or the supervisor's respawn) keeps the Outbox
// page's history. Grouped by the credential that sent it (a SendGrid API key,
// a Twilio account SID): each test file uses its own, so runs never see each
// other's messages.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type CapturedCallback = { at: string; url: string; event: string; status?: number; error?: string };

export type CapturedMessage = {
  id: string; // the provider's id: SendGrid's X-Message-Id, Twilio's SM… sid
  provider: 'sendgrid' | 'twilio';
  account: string; // API key's fingerprint or account SID
  receivedAt: string;
  to: string;
  from: string;
  subject?: string;
  text?: string;
  html?: string;
  customArgs?: Record<string, string>;
  statusCallback?: string;
  status: string;
  callbacks: CapturedCallback[];
};

export type CaptureStore = {
  add(m: CapturedMessage): void;
  update(id: string, change: (m: CapturedMessage) => void): CapturedMessage | undefined;
  get(id: string): CapturedMessage | undefined;
  list(filter?: { account?: string }): CapturedMessage[];
  clear(account?: string): void;
};

export function openCaptureStore(file?: string): CaptureStore {
  const messages = new Map<string, CapturedMessage>();
  if (file && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { clear?: string | true } | CapturedMessage;
        if ('clear' in entry) {
          for (const [id, m] of messages) if (entry.clear === true || m.account === entry.clear) messages.delete(id);
        } else messages.set((entry as CapturedMessage).id, entry as CapturedMessage);
      } catch {
        // a line cut short by a kill: the rest of the file still loads
      }
    }
  }
  if (file) mkdirSync(dirname(file), { recursive: true });
  const persist = (entry: unknown) => file && appendFileSync(file, JSON.stringify(entry) + '\n');
  return {
    add(m) {
      messages.set(m.id, m);
      persist(m);
    },
    update(id, change) {
      const m = messages.get(id);
      if (!m) return undefined;
      change(m);
      persist(m);
      return m;
    },
    get: (id) => messages.get(id),
    list(filter = {}) {
      return [...messages.values()].filter((m) => !filter.account || m.account === filter.account);
    },
    clear(account) {
      for (const [id, m] of messages) if (!account || m.account === account) messages.delete(id);
      persist({ clear: account ?? true });
    },
  };
}
