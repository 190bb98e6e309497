import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the CLI once before any test file runs: the CLI tests run the real
 * `bin/leasecheck.js` (which loads the bundle in dist/) in child processes,
 * and a test file that rebuilt dist/ on its own could leave it half-written
 * under another file's feet.
 *
 * Several runs at once (two terminals, or a run while another is still going)
 * must not rebuild dist/ under each other either, so:
 * - dist/ is rebuilt only when its sources changed: a hash of them is kept in
 *   dist/.build-stamp, and a run that finds it current builds nothing;
 * - one run builds at a time: the others wait on a lock (a directory, which
 *   mkdir creates or refuses atomically; left behind by a run that died, it is
 *   taken over);
 * - the build goes to a folder of its own that is renamed into place, so
 *   dist/ is never seen half-written.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');
const lock = join(root, '.build-lock');
/** What the build reads: the sources, the build's own configuration and scripts, the locked dependencies. */
const inputs = [
  'src',
  'grammar',
  'scripts/bundle-cli.mjs',
  'scripts/write-code-cache.mjs',
  'bin/cli-loader.js',
  'samples',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];

export default function setup(): void {
  const stamp = sourceHash();
  if (readStamp() === stamp) return;
  withLock(() => {
    // Another run may have built it while this one waited.
    if (readStamp() === stamp) return;
    const building = join(root, `.dist-building-${process.pid}`);
    const old = join(root, `.dist-old-${process.pid}`);
    rmSync(building, { recursive: true, force: true });
    try {
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', building], {
        cwd: root,
        stdio: 'inherit',
      });
      execFileSync(process.execPath, ['scripts/bundle-cli.mjs', building], {
        cwd: root,
        stdio: 'inherit',
      });
      writeFileSync(join(building, '.build-stamp'), stamp);
      // A directory cannot be renamed over a full one: move the old one
      // aside first (dist/ is missing only between these two renames).
      if (existsSync(dist)) renameSync(dist, old);
      renameSync(building, dist);
    } finally {
      rmSync(building, { recursive: true, force: true });
      rmSync(old, { recursive: true, force: true });
    }
  });
}

function readStamp(): string | null {
  try {
    return readFileSync(stampFile, 'latin1');
  } catch {
    return null;
  }
}

/** A hash of every input file's path and contents, in a fixed order. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { withFileTypes: true, recursive: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name))
          .sort()
      : [full];
    for (const file of files) {
      hash.update(`${file}\0`);
      hash.update(readFileSync(file));
    }
  };
  for (const path of inputs) add(path);
  return hash.digest('hex');
}

/** Runs `build` holding the build lock, waiting for another run that holds it. */
function withLock(build: () => void): void {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive()) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} held for ten minutes: remove it`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Whether the process that holds the lock still runs. A lock with no pid in
 * it yet counts as held for a few seconds (its maker is about to write it).
 */
function holderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'latin1'));
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
