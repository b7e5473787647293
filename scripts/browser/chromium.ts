import { existsSync } from 'node:fs';
import { devTools } from '../../config/dev-tools';

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH overrides it. */
export function chromiumExecutable(): string {
  const candidates = [devTools.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

// The closed network refuses Chromium's background connections; these flags stop it trying.
export const chromiumArgs = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
