import type { Randomizer } from '@faker-js/faker';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/**
 * The randomness behind demo data: Faker re-seeded per contact, case,
 * message and note, so every entity is the same on every run and worker.
 * Faker's own Mersenne Twister fills 624 words of state at every seed(),
 * which was half the time of building a seeding batch (issue #21);
 * xoroshiro128+ has four. Its state is filled by splitmix32 from the seed,
 * as its authors advise: seeded plainly, neighbouring seeds (contact N and
 * N+1) would start from nearly the same state and draw nearly the same
 * first values.
 */
export function demoRandomizer(): Randomizer {
  let generator = stateFromSeed(0);
  return {
    next: () => (generator.next() >>> 0) / 0x1_0000_0000,
    seed: (seed) => {
      generator = stateFromSeed(typeof seed === 'number' ? seed : seed.reduce((h, s) => splitmix32Step(h ^ s).value, 0));
    },
  };
}

function stateFromSeed(seed: number) {
  let s = seed | 0;
  const words: number[] = [];
  for (let k = 0; k < 4; k++) {
    const step = splitmix32Step(s);
    s = step.state;
    words.push(step.value);
  }
  return xoroshiro128plusFromState(words);
}

/** One step of splitmix32 (the 32-bit form of Vigna's splitmix64 seeder); its outputs are never four zeros, which xoroshiro cannot start from. */
function splitmix32Step(state: number): { state: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { state: next, value: (z ^ (z >>> 16)) | 0 };
}
