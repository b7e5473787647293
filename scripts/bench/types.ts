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
  run: (ctx: BenchContext) => Promise<BenchMeasurement[]>;
};
