// `npm run bench [-- NAME] [--size N] [--json]`: runs benchmarks against the
// same real services the product uses and prints a table (or JSON lines).
import { parseArgs } from 'node:util';
import { benches } from './bench/registry';
import type { BenchMeasurement } from './bench/types';
import { ensureServices, type Services } from './services/index';

async function run() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { size: { type: 'string' }, json: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } },
  });
  if (values.list) {
    for (const b of benches) console.log(`${b.name.padEnd(16)} ${b.description} (default size ${b.defaultSize})`);
    return;
  }
  const selected = positionals.length ? benches.filter((b) => positionals.includes(b.name)) : benches;
  const unknown = positionals.filter((p) => !benches.some((b) => b.name === p));
  if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
  const size = values.size ? Number(values.size) : undefined;
  if (size !== undefined && (!Number.isInteger(size) || size <= 0)) throw new Error('--size takes a positive whole number');

  const services = selected.some((b) => b.needsServices !== false) ? await ensureServices() : undefined;
  const rows: (BenchMeasurement & { bench: string; size: number })[] = [];
  try {
    for (const bench of selected) {
      const benchSize = size ?? bench.defaultSize;
      const log = (m: string) => process.stderr.write(`[bench ${bench.name}] ${m}\n`);
      const measurements = await bench.run({ size: benchSize, services: services ?? noServices(bench.name), dbName: `casebook_bench_${bench.name.replace(/\W/g, '_')}`, log });
      for (const m of measurements) {
        const row = { bench: bench.name, ...m, size: benchSize };
        rows.push(row);
        if (values.json) console.log(JSON.stringify(row));
      }
    }
  } finally {
    await services?.stop();
  }
  if (!values.json) printTable(rows);
}

/** Stands in for the services when no selected bench needs them; any use is a bug in that bench. */
function noServices(bench: string): Services {
  return new Proxy({} as Services, {
    get() {
      throw new Error(`Bench ${bench} declared needsServices: false but used the services`);
    },
  });
}

function printTable(rows: { bench: string; metric: string; value: number; unit: string; size: number }[]) {
  const header = ['bench', 'metric', 'value', 'unit', 'size'];
  const cells = rows.map((r) => [r.bench, r.metric, r.value.toLocaleString('en-US', { maximumFractionDigits: 4 }), r.unit, r.size.toLocaleString('en-US')]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 || i === 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

run().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
