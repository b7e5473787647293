// How this process reaches Temporal: a plain address in development, TLS
// (mutual, with a private CA and server name, as self-hosted clusters use)
// and/or an API key (Temporal Cloud) in production. Read once at start; the
// same options serve the client (web) and the worker's native connection.
import { readFileSync } from 'node:fs';

export type TemporalConnectionSettings = {
  address: string;
  /** Force TLS on or off; unset means on when a certificate, CA or API key is configured. */
  tls?: boolean;
  clientCertPath?: string;
  clientKeyPath?: string;
  serverCaPath?: string;
  serverName?: string;
  apiKey?: string;
};

export type TemporalTls = {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
};

export type TemporalConnectionOptions = { address: string; tls?: TemporalTls | false; apiKey?: string };

export function temporalConnectionOptions(s: TemporalConnectionSettings, readFile: (path: string) => Buffer = readFileSync): TemporalConnectionOptions {
  if (Boolean(s.clientCertPath) !== Boolean(s.clientKeyPath)) {
    throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both for mutual TLS, or neither.');
  }
  const wantsTls = s.tls ?? Boolean(s.clientCertPath || s.serverCaPath || s.serverName || s.apiKey);
  if (!wantsTls) {
    if (s.clientCertPath || s.serverCaPath) throw new Error('TEMPORAL_TLS=false, but a TLS certificate is configured: remove one or the other.');
    return { address: s.address, ...(s.apiKey ? { apiKey: s.apiKey } : {}) };
  }
  const read = (path: string, what: string) => {
    try {
      return readFile(path);
    } catch (err) {
      throw new Error(`Cannot read the Temporal ${what} at ${path}: ${(err as Error).message}`);
    }
  };
  const tls: TemporalTls = {};
  if (s.serverName) tls.serverNameOverride = s.serverName;
  if (s.serverCaPath) tls.serverRootCACertificate = read(s.serverCaPath, 'server CA certificate (TEMPORAL_TLS_CA)');
  if (s.clientCertPath && s.clientKeyPath) {
    tls.clientCertPair = { crt: read(s.clientCertPath, 'client certificate (TEMPORAL_TLS_CERT)'), key: read(s.clientKeyPath, 'client key (TEMPORAL_TLS_KEY)') };
  }
  return { address: s.address, tls, ...(s.apiKey ? { apiKey: s.apiKey } : {}) };
}

/** What the log may say about the connection: never the key or the certificates' contents. */
export function describeTemporalConnection(o: TemporalConnectionOptions): { address: string; tls: boolean; mutualTls: boolean; apiKey: boolean } {
  return { address: o.address, tls: Boolean(o.tls), mutualTls: Boolean(o.tls && o.tls.clientCertPair), apiKey: Boolean(o.apiKey) };
}
