import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerCheck } from './check.js';
import { registerReady } from './ready.js';
import { registerOmapi } from './omapi.js';
import { registerCompare } from './compare.js';
import { registerPair } from './pair.js';
import { registerUndo } from './undo.js';
import { registerRepair } from './repair.js';
import { registerFuzz } from './fuzz.js';
import { registerVerify } from './verify.js';
import { registerRestartPair } from './restart-pair.js';
import { registerLeases } from './leases.js';
import { registerPools } from './pools.js';

/** One entry per subcommand; each module adds its command to the program. */
export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
) => void;

/** Each command's name, as it is typed, with what registers it. */
const commands: [string, RegisterCommand][] = [
  ['check', registerCheck],
  ['ready', registerReady],
  ['omapi', registerOmapi],
  ['compare', registerCompare],
  ['pair', registerPair],
  ['undo', registerUndo],
  ['repair', registerRepair],
  ['fuzz', registerFuzz],
  ['verify', registerVerify],
  ['restart-pair', registerRestartPair],
  ['leases', registerLeases],
  ['pools', registerPools],
];

/**
 * Adds the commands to the program: every one, or, given the name of the
 * command being run, that one alone. Setting up a command's options costs
 * a little of every start; the others are needed only to list them
 * (`leasecheck --help`) or to suggest one for a mistyped name.
 */
export function registerCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  only?: string,
): void {
  const wanted = commands.some(([name]) => name === only) ? only : undefined;
  for (const [name, register] of commands) {
    if (wanted === undefined || name === wanted) register(program, io, setExit);
  }
}
