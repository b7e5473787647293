/**
 * Pairwise precision and recall of a clustering against the truth: every
 * two records put in one cluster is a predicted pair; every two records of
 * one true entity is a true pair.
 */
export type PairwiseQuality = { truePairs: number; predictedPairs: number; correctPairs: number; precision: number; recall: number; f1: number };

export function pairwiseQuality(predicted: string[], truth: string[]): PairwiseQuality {
  const pairsIn = (labels: string[]) => {
    const sizes = new Map<string, number>();
    for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    let total = 0;
    for (const s of sizes.values()) total += (s * (s - 1)) / 2;
    return total;
  };
  const joint = predicted.map((p, i) => `${p}\u0000${truth[i]}`);
  const predictedPairs = pairsIn(predicted);
  const truePairs = pairsIn(truth);
  const correctPairs = pairsIn(joint);
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
