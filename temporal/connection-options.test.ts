import { describe, expect, it } from 'vitest';
import { describeTemporalConnection, temporalConnectionOptions } from './connection-options';

const files: Record<string, string> = { '/c.pem': 'CERT', '/k.pem': 'KEY', '/ca.pem': 'CA' };
const readFile = (p: string) => {
  if (!(p in files)) throw new Error('ENOENT: no such file');
  return Buffer.from(files[p]!);
};

describe('temporalConnectionOptions', () => {
  it('is a plain address in development', () => {
    expect(temporalConnectionOptions({ address: 'localhost:7233' }, readFile)).toEqual({ address: 'localhost:7233' });
  });

  it('turns TLS on with mutual certificates, the private CA and the server name', () => {
    const o = temporalConnectionOptions({ address: 't:7233', clientCertPath: '/c.pem', clientKeyPath: '/k.pem', serverCaPath: '/ca.pem', serverName: 'temporal.internal' }, readFile);
    expect(o.tls && o.tls.serverNameOverride).toBe('temporal.internal');
    expect(o.tls && o.tls.clientCertPair?.crt.toString()).toBe('CERT');
    expect(o.tls && o.tls.clientCertPair?.key.toString()).toBe('KEY');
    expect(o.tls && o.tls.serverRootCACertificate?.toString()).toBe('CA');
    expect(describeTemporalConnection(o)).toEqual({ address: 't:7233', tls: true, mutualTls: true, apiKey: false });
  });

  it('uses TLS with the system CAs for an API key (Temporal Cloud), and never describes the key', () => {
    const o = temporalConnectionOptions({ address: 'ns.tmprl.cloud:7233', apiKey: 'secret-key' }, readFile);
    expect(o).toEqual({ address: 'ns.tmprl.cloud:7233', tls: {}, apiKey: 'secret-key' });
    expect(JSON.stringify(describeTemporalConnection(o))).not.toContain('secret-key');
  });

  it('refuses half a certificate pair, a missing file, and certificates with TLS forced off', () => {
    expect(() => temporalConnectionOptions({ address: 'a', clientCertPath: '/c.pem' }, readFile)).toThrow(/go together/);
    expect(() => temporalConnectionOptions({ address: 'a', serverCaPath: '/missing.pem' }, readFile)).toThrow(/Cannot read the Temporal server CA certificate.*missing\.pem/);
    expect(() => temporalConnectionOptions({ address: 'a', tls: false, serverCaPath: '/ca.pem' }, readFile)).toThrow(/TEMPORAL_TLS=false/);
  });

  it('can force TLS on without any file (a public CA)', () => {
    expect(temporalConnectionOptions({ address: 'a', tls: true }, readFile)).toEqual({ address: 'a', tls: {} });
  });
});
