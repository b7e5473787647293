/**
 * Node flags for the worker and web processes, given on their command lines
 * because V8 sizes the young generation when a process starts. Left to
 * itself V8 grows it to 128 MB under the allocation-heavy work these
 * processes do (a sweep's million records, an import's batches, an export's
 * million rows), most of it resident: 16 MB semi-spaces keep it near 32 MB.
 * Measured: sweep worker peak at 1M 1,478 → 1,393 MB and an idle worker
 * 302 → 275 MB, with the same sweep time; import worker at 100k 482 → 425 MB,
 * rows/s within 2%. (The worker's heap growth margin is set in worker.ts.)
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=16'];

/**
 * The bundles worker (WORKER_ROLE=bundles) moves bytes and holds no big
 * structures: 4 MB semi-spaces suit it. Measured with the bundle bench at 200
 * files: idle 153 -> 137 MB, peak 196 -> 180 MB, throughput the same.
 * Lite mode (V8 without its optimizing compiler) suits it too: its hot work is
 * native (zlib, SHA-256, sockets; the zip CRC-32 is made native in
 * activities/bundles/native-crc32.ts) and the JavaScript around it is glue.
 * Measured at 300 files: peak 192 -> 138 MB, idle 139 -> 119 MB.
 */
export const BUNDLE_WORKER_NODE_FLAGS = ['--max-semi-space-size=4', '--lite-mode'];

/** The flags for a worker of a role. */
export const workerNodeFlags = (role: string | undefined) => (role === 'bundles' ? BUNDLE_WORKER_NODE_FLAGS : SERVICE_NODE_FLAGS);
