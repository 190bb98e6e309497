import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own files (package.json, grammar/*.ohm), found by walking up
 * from this module to the first folder holding a package.json. Works the same
 * from src/ (tests), dist/ (the compiled library) and the bundled CLI.
 */
let root: string | null = null;

export function packageFile(relative: string): string {
  if (root === null) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    root = dir;
  }
  return join(root, relative);
}
