import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the application's own files are (views/, the matcher's data), found
// from this module's place whether it runs as source (config/app-files.ts) or
// bundled into dist/ by the build: the nearest folder with package.json.
function findAppRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`Casebook's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

const appRoot = findAppRoot();

/** A path inside the application, e.g. appFile('views', 'assets', 'app.css'). */
export function appFile(...segments: string[]): string {
  return join(appRoot, ...segments);
}
