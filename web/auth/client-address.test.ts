import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, [])).toBe('203.0.113.9');
  });

  it('behind a trusted proxy is the address that proxy saw, not what the client wrote to the left of it', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.9', ['10.0.0.2'])).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', 'forged, 203.0.113.9, 10.0.0.3', ['10.0.0.2', '10.0.0.3'])).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '10.0.0.2', ['10.0.0.2'])).toBe('203.0.113.9');
  });
});
