import { Option, type Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { paint, type CliIo } from '../io.js';
import { collect } from '../options.js';
import type { RegisterCommand } from './index.js';

interface UndoOptions {
  force?: boolean;
  followSymlinks?: boolean;
  pidFile?: string[];
  json?: boolean;
}

export const registerUndo: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command('undo')
    .description(
      'Put back the original lease file from a backup written by `repair --write`, if the file is still exactly the repaired output.',
    )
    .argument('<backup>', 'the backup, FILE.leasecheck-<UTC time>.bak')
    .argument('[file]', 'the repaired file (default: the file recorded with the backup)')
    .option('--force', 'restore even when a process (dhcpd) holds the file — loudly')
    .option('--follow-symlinks', 'restore the target of a symbolic link')
    .addOption(
      new Option(
        '--pid-file <file>',
        "dhcpd's pid file (repeatable; default: the usual locations)",
      ).argParser(collect),
    )
    .option('--json', 'print the outcome as JSON')
    .action(async (backup: string, file: string | undefined, options: UndoOptions) => {
      const { undoRepair } = await import('../../repair/undo.js');
      const outcome = undoRepair(backup, file, {
        force: options.force,
        followSymlinks: options.followSymlinks,
        pidFiles: options.pidFile && options.pidFile.length > 0 ? options.pidFile : undefined,
      });
      for (const holder of outcome.forcedPast) {
        io.err(paint(io, 'red', `leasecheck: WARNING: --force: restored although ${holder}\n`));
      }
      if (options.json)
        io.out(`${JSON.stringify({ ...outcome, exitCode: ExitCode.Ok }, null, 2)}\n`);
      else
        io.out(
          `Restored ${outcome.file} from ${outcome.backup} (${outcome.restoredBytes} bytes). The backup is kept.\n`,
        );
      setExit(ExitCode.Ok);
    });
};
