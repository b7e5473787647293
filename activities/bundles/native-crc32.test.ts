import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { javascriptCrc32, nativeCrc32 } from './native-crc32';

describe('nativeCrc32', () => {
  it('gives what the crc-32 package gives, whole and in continued pieces, as archiver calls it', () => {
    for (const size of [0, 1, 7, 255, 4096, 300_000]) {
      const data = randomBytes(size);
      expect(nativeCrc32(data)).toBe(javascriptCrc32(data));
      // A stream's pieces, each seeded with the result so far (crc32-stream's `crc32.buf(chunk, this.checksum) >>> 0`).
      let js = 0;
      let native = 0;
      for (let at = 0; at < size; at += 1000) {
        js = javascriptCrc32(data.subarray(at, at + 1000), js) >>> 0;
        native = nativeCrc32(data.subarray(at, at + 1000), native) >>> 0;
      }
      expect(native).toBe(js);
    }
    expect(nativeCrc32([1, 2, 3], 12345)).toBe(javascriptCrc32([1, 2, 3], 12345));
    // The known check value of CRC-32: "123456789" -> 0xCBF43926.
    expect(nativeCrc32(Buffer.from('123456789')) >>> 0).toBe(0xcbf43926);
  });
});
