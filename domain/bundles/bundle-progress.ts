// What the progress bar says about a bundle being made: how far, how fast,
// how long still. Pure, so the page and its tests agree.
export type BundleProgressFigures = { filesDone: number; totalFiles: number; bytesDone: number; totalBytes: number; startedAt: Date; now: Date };
export type BundleProgressView = { percent: number; bytesPerSecond?: number; secondsLeft?: number };

export function bundleProgress(p: BundleProgressFigures): BundleProgressView {
  // Bytes are the work; a bundle of empty files still moves file by file.
  const share = p.totalBytes > 0 ? p.bytesDone / p.totalBytes : p.totalFiles > 0 ? p.filesDone / p.totalFiles : 1;
  const percent = Math.max(0, Math.min(100, Math.floor(share * 100)));
  const seconds = (p.now.getTime() - p.startedAt.getTime()) / 1000;
  // Under two seconds in, or before any byte, a rate is noise.
  if (seconds < 2 || p.bytesDone <= 0) return { percent };
  const bytesPerSecond = p.bytesDone / seconds;
  const secondsLeft = Math.max(0, Math.ceil((p.totalBytes - p.bytesDone) / bytesPerSecond));
  return { percent, bytesPerSecond, secondsLeft };
}

/** "about 3 minutes", "12 seconds": an ETA, rounded as people say it. */
export function durationInWords(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} second${Math.round(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 6) / 10;
  return `about ${hours} hours`;
}
