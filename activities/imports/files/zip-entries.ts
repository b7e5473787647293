import unzipper from 'unzipper';
import type { Readable } from 'node:stream';

/**
 * The entries of a zip arriving as a stream, in stored order, every one of them.
 *
 * Why not exceljs's own loop: unzipper's Parse emits 'end' as soon as its input
 * is written, while entries it has already read can still wait in its buffer;
 * exceljs's streaming reader stops at that 'end' and, when it was busy with an
 * earlier entry (a sheet copied to a temporary file), silently loses the shared
 * strings, styles and workbook that followed (exceljs#3064; seen in CI as names
 * reading "[object Object]"). Here the stream is read until its readable side
 * has really ended: pushed its last entry and handed every one over.
 *
 * The caller reads or autodrains each entry before asking for the next, or the
 * zip stops (unzipper reads the archive one entry at a time).
 */
export async function* zipEntries(input: Readable): AsyncGenerator<unzipper.Entry> {
  const zip = unzipper.Parse({ forceStream: true });
  // pipe() does not pass errors on: a storage stream that fails would leave the zip waiting forever.
  const fail = (err: Error) => zip.emit('error', err);
  input.on('error', fail);
  input.pipe(zip);
  try {
    yield* entriesOf(zip);
  } finally {
    input.unpipe(zip);
    input.off('error', fail);
  }
}

/** Every entry of a Parse stream already fed its input (exported for the test that holds an entry past Parse's early 'end'). */
export async function* entriesOf(zip: unzipper.ParseStream): AsyncGenerator<unzipper.Entry> {
  const state = (zip as unknown as { _readableState: { ended: boolean; length: number } })._readableState;
  let failure: Error | undefined;
  let wake = () => {};
  const poke = () => wake();
  const fail = (err: Error) => {
    failure ??= err;
    poke();
  };
  zip.on('readable', poke);
  zip.on('end', poke);
  zip.on('error', fail);
  try {
    for (;;) {
      if (failure) throw failure;
      const entry = zip.read() as unzipper.Entry | null;
      if (entry !== null) {
        yield entry;
        continue;
      }
      if (state.ended && state.length === 0) return;
      if (failure) throw failure;
      // Events come on a later tick, so none can slip in between the read above and this wait.
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    zip.off('readable', poke);
    zip.off('end', poke);
    zip.off('error', fail);
  }
}
