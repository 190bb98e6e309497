import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerCheck } from './check.js';

/**
 * The command table of the check command's own bundle (dist/bundle/check.cjs,
 * see scripts/bundle-cli.mjs), in place of index.ts's: bin/leasecheck.js
 * starts that bundle only when the arguments start with `check`, and then
 * index.ts's registerCommands sets up check alone too, so the program is
 * the same. The bundle leaves out every other command's code: less for each
 * start to read and for V8 to load from the code cache, on the command run
 * before every dhcpd start.
 */
export function registerCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  registerCheck(program, io, setExit);
}
