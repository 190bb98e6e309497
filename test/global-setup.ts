import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the CLI once before any test file runs: the CLI tests run the real
 * `bin/leasecheck.js` (which loads the bundle in dist/) in child processes,
 * and a test file that rebuilt dist/ on its own could leave it half-written
 * under another file's feet.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
