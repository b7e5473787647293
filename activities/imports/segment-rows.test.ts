import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { discardParkedRows, openSegmentRows, parkSegmentRows } from './segment-rows';

const CSV = ['First Name,Last Name', ...Array.from({ length: 10 }, (_, i) => `Ann${i},Lee${i}`)].join('\n') + '\n';
const read = { format: 'csv' as const, encoding: 'utf-8', delimiter: ',' };

describe('openSegmentRows', () => {
  let opened = 0;
  const open = async () => {
    opened++;
    return Readable.from([Buffer.from(CSV)]);
  };
  afterEach(() => {
    discardParkedRows();
    opened = 0;
  });

  it("continues a parked reader where the pass's previous segment stopped, without reading the file again", async () => {
    const first = await openSegmentRows({ key: 'imp:run', fromItem: 0, fresh: false, open, read });
    for (let i = 0; i < 4; i++) await first.next();
    parkSegmentRows('imp:run', first);
    const second = await openSegmentRows({ key: 'imp:run', fromItem: 4, fresh: false, open, read });
    expect(second).toBe(first);
    expect((await second.next())?.values).toEqual(['Ann4', 'Lee4']);
    expect(opened).toBe(1);
  });

  it('opens the file and skips to the row when the parked reader is elsewhere, of another pass, or the segment is a retry', async () => {
    const first = await openSegmentRows({ key: 'imp:run', fromItem: 0, fresh: false, open, read });
    for (let i = 0; i < 4; i++) await first.next();
    parkSegmentRows('imp:run', first);
    const other = await openSegmentRows({ key: 'imp:dry', fromItem: 6, fresh: false, open, read });
    expect(other).not.toBe(first);
    expect(other.item).toBe(6);
    const next = await other.next();
    expect(next?.values).toEqual(['Ann6', 'Lee6']);
    expect(other.item).toBe(7);

    parkSegmentRows('imp:dry', other);
    const retry = await openSegmentRows({ key: 'imp:dry', fromItem: 7, fresh: true, open, read });
    expect(retry).not.toBe(other);
    expect((await retry.next())?.values).toEqual(['Ann7', 'Lee7']);
    expect(opened).toBe(3);
  });

  it('ends after the last row, and skipping past the end leaves an empty reader', async () => {
    const rows = await openSegmentRows({ key: 'imp:run', fromItem: 9, fresh: false, open, read });
    expect((await rows.next())?.values).toEqual(['Ann9', 'Lee9']);
    expect(await rows.next()).toBeUndefined();
    const past = await openSegmentRows({ key: 'imp:run', fromItem: 50, fresh: false, open, read });
    expect(past.item).toBe(10);
    expect(await past.next()).toBeUndefined();
  });
});
