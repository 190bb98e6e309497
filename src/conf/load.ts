/**
 * Reads a dhcpd.conf from disk, follows its `include` statements and builds
 * its address plan. Files are decoded as latin1 (bytes, not text).
 *
 * An included path is taken relative to the directory of the file that
 * includes it (dhcpd itself opens it relative to its working directory,
 * which for a service is `/`; absolute paths, the usual case, agree).
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readBoundedFile, sizeCaps } from '../bounded-file.js';
import { LeasecheckError } from '../errors.js';
import { buildPlan, type IncludeReader } from './build.js';
import { parseConfText } from './parse.js';
import type { AddressPlan } from './types.js';

/** Reads and parses PATH and every file it includes; throws LeasecheckError (exit 8) when dhcpd could not load it either. */
export async function loadDhcpdConf(path: string): Promise<AddressPlan> {
  return planFromText(readConf(path), path);
}

/** Same as loadDhcpdConf, for a text already in memory (its includes are still read from disk). */
export function planFromText(text: string, path: string): AddressPlan {
  const statements = parseConfText(text, path);
  return buildPlan(path, statements, includeReader(path));
}

/** A dhcpd.conf or an included file: a regular file of at most sizeCaps.conf bytes. */
function readConf(path: string): string {
  return readBoundedFile(path, 'a dhcpd.conf', sizeCaps.conf).toString('latin1');
}

function includeReader(mainFile: string): IncludeReader {
  /** The file whose (latest, hence current) inclusion read each file: the include chain. */
  const includedFrom = new Map<string, string>();
  const real = (file: string): string => {
    try {
      return realpathSync(file);
    } catch {
      return resolve(file);
    }
  };
  return (path, from) => {
    const file = isAbsolute(path) ? path : join(dirname(from.file), path);
    const target = real(file);
    for (let f: string | undefined = real(from.file); f !== undefined; f = includedFrom.get(f)) {
      if (f === target) {
        throw new LeasecheckError(
          `${from.file}:${from.line}: include "${path}" makes a cycle (${file} includes itself)`,
        );
      }
      if (f === real(mainFile)) break;
    }
    let text: string;
    try {
      text = readConf(file);
    } catch (error) {
      const reason = (error as Error).message;
      throw new LeasecheckError(`${from.file}:${from.line}: include "${path}": ${reason}`);
    }
    includedFrom.set(target, real(from.file));
    return { file, statements: parseConfText(text, file) };
  };
}
