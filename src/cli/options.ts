import { InvalidArgumentError, Option } from 'commander';
import { parseNagiosRange, type NagiosRange } from '../monitor/nagios-range.js';
import type { LoadedConfig } from '../conf/index.js';
import { parseTimeArgument, TIME_FORMS } from '../model/time-argument.js';

/** Commander parsers shared by commands: each turns bad input into a usage error (exit 16). */

/** `--now TIME`: the one strict time reader (src/model/time-argument.ts). */
export function parseTime(value: string): Date {
  const parsed = parseTimeArgument(value);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.reason}; use ${TIME_FORMS}`);
  return parsed.date;
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

/** An option that takes a Nagios range (`80`, `10:`, `~:90`, `@10:20`); `expected` says what it measures. */
export function nagiosRangeOption(expected: string): (value: string) => NagiosRange {
  return (value) => {
    const range = parseNagiosRange(value);
    if (!range) throw new InvalidArgumentError(expected);
    return range;
  };
}

/**
 * `-w`/`-c` of the Nagios plugin convention: WARNING or CRITICAL when `when`
 * (what is measured, outside or inside the range); `notes` give each its
 * example or default, in brackets after it.
 */
export function nagiosLevelOptions(
  when: string,
  notes: { warning: string; critical: string },
  parse: (value: string) => NagiosRange,
): { warning: Option; critical: Option } {
  const level = (flags: string, name: string, note: string): Option =>
    new Option(flags, `nagios: ${name} when ${when} (${note})`).argParser(parse);
  return {
    warning: level('-w, --warning <range>', 'WARNING', notes.warning),
    critical: level('-c, --critical <range>', 'CRITICAL', notes.critical),
  };
}
