import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, jaroWinklerCanReach } from './jaro-winkler';

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
  });
  it('handles equal and empty strings', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('', 'smith')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });
  it('never rules out a pair that reaches the threshold (the bound the sweep uses to skip the comparison)', () => {
    // Deterministic pseudo-random strings over a small alphabet, so near pairs are common.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => Array.from({ length: 3 + Math.floor(next() * 20) }, () => 'abcdeilmnorst.@1'[Math.floor(next() * 16)]).join('');
    let ruledOut = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = next() < 0.5 ? word() : a.slice(0, -1) + word().slice(0, 2);
      for (const t of [0.8, 0.9, 0.95]) {
        if (!jaroWinklerCanReach(a, b, t)) {
          ruledOut++;
          expect(jaroWinkler(a, b), `${a} / ${b}`).toBeLessThan(t);
        }
      }
    }
    expect(ruledOut).toBeGreaterThan(1000);
  });
});
