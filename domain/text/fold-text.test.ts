import { describe, expect, it } from 'vitest';
import { foldText, foldedTokens } from './fold-text';

describe('foldText', () => {
  it('removes accents, case and punctuation', () => {
    expect(foldText("José  O'Brien-Smith")).toBe('jose o brien smith');
    expect(foldText('Zoë Łukasz Straße')).toBe('zoe lukasz strasse');
  });
  it('handles empty input', () => {
    expect(foldText(undefined)).toBe('');
    expect(foldedTokens('  ')).toEqual([]);
  });
});
