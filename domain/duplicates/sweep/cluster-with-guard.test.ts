import { describe, expect, it } from 'vitest';
import { clusterWithGuard, type PairJudgement } from './cluster-with-guard';

describe('clusterWithGuard', () => {
  it('does not chain two different people through one record that resembles both', () => {
    // 0 = Bob Smith Sr., 2 = Bob Smith Jr., 1 = "B. Smith" resembling both; 0 and 2 are clearly different.
    const verdict: Record<string, PairJudgement> = { '0,1': 'match', '1,2': 'match', '0,2': 'different' };
    const judge = (a: number, b: number) => verdict[`${Math.min(a, b)},${Math.max(a, b)}`] ?? 'different';
    const clusters = clusterWithGuard(3, [{ a: 0, b: 1, weight: 12 }, { a: 1, b: 2, weight: 10 }], judge);
    expect(clusters[0]).toBe(clusters[1]);
    expect(clusters[2]).not.toBe(clusters[0]);
  });
  it('joins groups whose members mostly match each other', () => {
    const judge = (): PairJudgement => 'match';
    expect(clusterWithGuard(4, [{ a: 0, b: 1, weight: 9 }, { a: 2, b: 3, weight: 9 }, { a: 1, b: 2, weight: 9 }], judge)).toEqual([0, 0, 0, 0]);
  });
});
