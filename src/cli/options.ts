import { InvalidArgumentError } from 'commander';
import type { LoadedConfig } from '../conf/index.js';

/** Commander parsers shared by commands: each turns bad input into a usage error (exit 16). */

export function parseTime(value: string): Date {
  const milliseconds = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  // Beyond ±8.64e15 ms a Date is invalid: a usage error, not a NaN in the output.
  if (!isRepresentableTime(milliseconds)) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 time (2026-11-28T12:00:00Z) or epoch seconds',
    );
  }
  return new Date(milliseconds);
}

/** Whether a time in milliseconds makes a valid Date (and so prints and compares). */
export function isRepresentableTime(milliseconds: number): boolean {
  return !Number.isNaN(new Date(milliseconds).getTime());
}

export function parsePositiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a positive whole number');
  }
  return Number(value);
}

/** An option argument that may not be empty (`--backup-dir ''` would quietly mean the default). */
export function nonEmpty(option: string): (value: string) => string {
  return (value) => {
    if (value === '') throw new InvalidArgumentError(`${option} needs a path, not an empty string`);
    return value;
  };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `--config DHCPD.CONF`, read; undefined without the option. The reader is
 * loaded only when the option is given (start-up time); an unreadable or
 * invalid file is its error, exit 8.
 */
export async function loadConfigOption(
  file: string | undefined,
): Promise<LoadedConfig | undefined> {
  if (file === undefined) return undefined;
  const { loadDhcpdConf } = await import('../conf/index.js');
  return { file, plan: await loadDhcpdConf(file) };
}
