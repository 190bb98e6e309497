import { existsSync, readFileSync } from 'node:fs';
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

/** Reads one of the package's own files as text, by its path inside the package. */
export type PackageTextReader = (relative: string) => string;

/**
 * The standalone executable carries package.json and the grammars inside
 * itself and has no package folder on disk; its entry point installs a reader
 * of those embedded copies here before anything reads them.
 */
let embedded: PackageTextReader | null = null;

export function useEmbeddedPackageFiles(reader: PackageTextReader): void {
  embedded = reader;
}

/** Whether the package's files are on disk (false inside the standalone executable). */
export function packageFilesOnDisk(): boolean {
  return embedded === null;
}

/** The text of one of the package's own files, from disk or from the executable. */
export function packageText(relative: string): string {
  return embedded === null ? readFileSync(packageFile(relative), 'utf8') : embedded(relative);
}
