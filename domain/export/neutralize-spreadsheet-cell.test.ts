import { describe, expect, it } from 'vitest';
import { neutralizeSpreadsheetCell } from './neutralize-spreadsheet-cell';

describe('neutralizeSpreadsheetCell', () => {
  it.each(['=1+2', '+14155550134', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","click")'])('quotes %j so it shows as text', (v) => {
    expect(neutralizeSpreadsheetCell(v)).toBe(`'${v}`);
  });
  it.each(['Ada', '', '1980-03-07', 'a=b', ' =1'])('leaves %j alone', (v) => {
    expect(neutralizeSpreadsheetCell(v)).toBe(v);
  });
});
