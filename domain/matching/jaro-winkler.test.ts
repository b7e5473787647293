import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler';

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
});
