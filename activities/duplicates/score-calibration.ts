import { staffDecisions } from '../../db/duplicates/staff-decisions';
import { calibrate, type Calibration } from '../../domain/duplicates/score-calibration';
import { logger } from '../../logging/logger';

// Read again at most this often: a band's figure moves slowly, and reading every decided group scans a collection on FerretDB.
const REFRESH_MS = 10 * 60_000;
let current: { calibration: Calibration; at: number } | undefined;
let refreshing: Promise<void> | undefined;

/**
 * The firm's calibration as last read; reading it again happens in the
 * background, so a page never waits on it (the first pages after a start
 * show scores without it). `wait` is for tests and scripts.
 */
/** The calibration as last read, without waiting (starting a read in the background when it is stale); for rendering. */
export function currentCalibration(): Calibration | undefined {
  void scoreCalibration();
  return current?.calibration;
}

export async function scoreCalibration(o: { wait?: boolean; now?: number } = {}): Promise<Calibration | undefined> {
  const now = o.now ?? Date.now();
  if (!current || now - current.at > REFRESH_MS) {
    refreshing ??= staffDecisions()
      .then((d) => void (current = { calibration: calibrate(d), at: Date.now() }))
      .catch((err) => logger.warn({ err }, 'could not read staff decisions for the score calibration'))
      .finally(() => (refreshing = undefined));
    if (o.wait) await refreshing;
  }
  return current?.calibration;
}
