import { describe, expect, it } from 'vitest';
import { neutralizeSpreadsheetCell } from './neutralize-spreadsheet-cell';

describe('neutralizeSpreadsheetCell', () => {
  it.each(['=1+2', '-2+3', '+1 (415) 555-0134', '+1+cmd|" /C calc"!A0', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","click")', '-', '+'])('quotes %j so it shows as text', (v) => {
    expect(neutralizeSpreadsheetCell(v)).toBe(`'${v}`);
  });
  it.each(['Ada', '', '1980-03-07', 'a=b', ' =1', '+14155550134', '-12.5', '42'])('leaves %j alone (text, or a plain number no spreadsheet runs)', (v) => {
    expect(neutralizeSpreadsheetCell(v)).toBe(v);
  });
});
