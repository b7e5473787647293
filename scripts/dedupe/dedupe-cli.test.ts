import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readDedupeCsv } from './read-dedupe-csv';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'dedupe-cli-'));
const cli = (file: string) => run(process.execPath, ['--import', 'tsx', new URL('../dedupe-cli.ts', import.meta.url).pathname, file]);

describe('dedupe CLI', () => {
  it('prints id,cluster_id for every row, in input order', async () => {
    const input = join(dir, 'people.csv');
    writeFileSync(input, 'ID,First_Name,last_name,phone,notes\r\n7,Peggy,Olsen,(212) 555-0100,x\r\n8,Margaret,Olsen,212-555-0100,y\n9,Don,Draper,,\n');
    const { stdout } = await cli(input);
    expect(stdout).toBe('id,cluster_id\n7,7\n8,7\n9,9\n');
  });

  it('refuses a file without an id column, with a clear message', async () => {
    const input = join(dir, 'no-id.csv');
    writeFileSync(input, 'name,phone\nAnn,1\n');
    await expect(cli(input)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('The header has no "id" column (found: name, phone).') });
  });
});

describe('readDedupeCsv', () => {
  it('explains empty and broken files', () => {
    expect(() => readDedupeCsv('')).toThrow('The file is empty');
    expect(() => readDedupeCsv('id,first_name\n1,"Ann\n')).toThrow('The file is not valid CSV');
    expect(() => readDedupeCsv('id,first_name\n,Ann\n')).toThrow('Row 2 has an empty id.');
  });
  it('accepts a header-only file', () => {
    expect(readDedupeCsv('id,first_name\n')).toEqual([]);
  });
});
