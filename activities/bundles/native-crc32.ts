// archiver takes each zip entry's CRC-32 from the `crc-32` package, a loop in JavaScript. The bundles worker runs V8
// in lite mode (config/service-node-flags.ts: no optimizing compiler, 40 MB less memory), where that loop would set
// the pace of every bundle; zlib's own CRC-32 (Node >= 22) gives the same numbers in native code. The package is
// shared by everything that loads it (archiver's zip-stream, compress-commons and crc32-stream all import it), so
// replacing its `buf` once covers every caller.
import { createRequire } from 'node:module';
import { crc32 as zlibCrc32 } from 'node:zlib';

type Crc32Module = { buf: (data: number[] | Uint8Array, seed?: number) => number };

const crc32Package = createRequire(import.meta.url)('crc-32') as Crc32Module;

/** The package's own function, kept for the test that compares the two. */
export const javascriptCrc32 = crc32Package.buf;

/** `crc-32`'s contract: a signed 32-bit result, `seed` the signed result of the bytes before. */
export function nativeCrc32(data: number[] | Uint8Array, seed = 0): number {
  return zlibCrc32(Array.isArray(data) ? Uint8Array.from(data) : data, seed >>> 0) | 0;
}

export function useNativeCrc32(): void {
  crc32Package.buf = nativeCrc32;
}
