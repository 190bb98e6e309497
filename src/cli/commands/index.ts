import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** One entry per subcommand; each module adds its command to the program. */
export type RegisterCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

const commands: RegisterCommand[] = [];

export function registerCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  for (const register of commands) register(program, io, setExit);
}
