import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../../config/config';
import { devTools } from '../../config/dev-tools';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

// Installed tools live in a per-user cache so that a fresh clone (as CI uses)
// does not build them again; `.tools/` in the checkout links to them.
export const cacheDir = devTools.CASEBOOK_CACHE_DIR;
export const toolsDir = join(repoRoot, '.tools');

export const dataDir = resolve(repoRoot, config.DATA_DIR);
export const logDir = join(dataDir, 'logs');
