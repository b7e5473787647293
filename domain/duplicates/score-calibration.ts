/**
 * What a score has meant at this firm: of the pairs staff decided (merged, or
 * marked as different people) whose score fell in the same band, how many
 * they merged. The engine's probability comes from labelled data of other
 * people (FEBRL); once staff have decided enough pairs like this one, their
 * decisions say better what the score means here.
 */
export const CALIBRATION_BINS = [0.2, 0.5, 0.9, 0.99, 0.999] as const;
/** Fewer decisions than this in a band say nothing yet. */
export const MIN_DECISIONS = 10;

export type Decision = { score: number; merged: boolean };
export type Calibration = { bins: { from: number; to: number; merged: number; decided: number }[] };

export function binOf(score: number): number {
  let bin = -1;
  for (let i = 0; i < CALIBRATION_BINS.length; i++) if (score >= CALIBRATION_BINS[i]!) bin = i;
  return bin;
}

export function calibrate(decisions: Iterable<Decision>): Calibration {
  const bins = CALIBRATION_BINS.map((from, i) => ({ from, to: CALIBRATION_BINS[i + 1] ?? 1, merged: 0, decided: 0 }));
  for (const d of decisions) {
    const bin = bins[binOf(d.score)];
    if (!bin) continue;
    bin.decided++;
    if (d.merged) bin.merged++;
  }
  return { bins };
}

/** "Staff merged 18 of 20 suggestions scored like this", or undefined while the band has too few decisions. */
export function describeCalibration(c: Calibration | undefined, score: number): string | undefined {
  const bin = c?.bins[binOf(score)];
  if (!bin || bin.decided < MIN_DECISIONS) return undefined;
  return `Staff merged ${bin.merged} of ${bin.decided} suggestions scored like this`;
}
