import { describe, expect, it } from 'vitest';
import { loggablePath } from './loggable-path';

describe('paths in logs', () => {
  it('never carry a link token', () => {
    expect(loggablePath('/bundles/link/AbC_dEf-123')).toBe('/bundles/link/[token]');
    expect(loggablePath('/portal/link/AbC_dEf-123/ask')).toBe('/portal/link/[token]/ask');
    expect(loggablePath('/portal/intake/AbC_dEf-123/files/photo')).toBe('/portal/intake/[token]/files/photo');
    expect(loggablePath('/bundles/65a0/download')).toBe('/bundles/65a0/download');
    expect(loggablePath('/contacts/1')).toBe('/contacts/1');
  });
});
