import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('reads a variable set to nothing, as compose passes an unset ${X:-}, as unset', () => {
    const c = parseConfig({ PUBLIC_URL: '', TRUSTED_PROXIES: '', PORT: '' });
    expect(c.PUBLIC_URL).toBeUndefined();
    expect(c.TRUSTED_PROXIES).toEqual([]);
    expect(c.PORT).toBe(3000);
  });

  it('splits TRUSTED_PROXIES into addresses', () => {
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.2, 10.0.0.3,' }).TRUSTED_PROXIES).toEqual(['10.0.0.2', '10.0.0.3']);
  });

  it('names every bad variable in one error', () => {
    expect(() => parseConfig({ PUBLIC_URL: 'not a url', PORT: '70000' })).toThrow(/PUBLIC_URL[\s\S]*PORT|PORT[\s\S]*PUBLIC_URL/);
  });
});
