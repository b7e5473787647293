import type { Services } from '../services/index';

export type BenchMeasurement = { metric: string; value: number; unit: string };

export type BenchContext = {
  size: number;
  services: Services;
  /** A database of the bench's own, so benchmarks never touch product data. */
  dbName: string;
  log: (message: string) => void;
};

export type BenchEntry = {
  name: string;
  description: string;
  defaultSize: number;
  /** False for pure benchmarks (matching quality) that need no Temporal or database. */
  needsServices?: boolean;
  run: (ctx: BenchContext) => Promise<BenchMeasurement[]>;
};
