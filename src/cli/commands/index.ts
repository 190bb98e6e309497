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

const commands: RegisterCommand[] = [
  registerCheck,
  registerReady,
  registerOmapi,
  registerCompare,
  registerPair,
  registerUndo,
  registerRepair,
  registerFuzz,
  registerVerify,
  registerRestartPair,
  registerLeases,
  registerPools,
];

export function registerCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  for (const register of commands) register(program, io, setExit);
}
