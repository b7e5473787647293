import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

// Installed tools live in a per-user cache so that a fresh clone (as CI uses)
// does not build them again; `.tools/` in the checkout links to them.
export const cacheDir = process.env.CASEBOOK_CACHE_DIR ?? join(homedir(), '.cache', 'casebook', 'tools');
export const toolsDir = join(repoRoot, '.tools');

export const dataDir = resolve(repoRoot, process.env.DATA_DIR ?? '.data');
export const logDir = join(dataDir, 'logs');
