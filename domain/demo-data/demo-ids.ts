// Demo records get ids computed from (kind, seed, index) so that re-running a
// seeding batch after a crash finds the rows it already wrote instead of
// writing them twice. 24 hex chars, valid as ObjectIds.
const KIND_PREFIX = { contact: '60000001', case: '60000002', message: '60000003', note: '60000004', document: '60000005', file: '60000006' } as const;

export function demoId(kind: keyof typeof KIND_PREFIX, seed: number, index: number): string {
  return KIND_PREFIX[kind] + (seed & 0xffff).toString(16).padStart(4, '0') + index.toString(16).padStart(12, '0');
}
