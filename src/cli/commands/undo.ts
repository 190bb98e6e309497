import { Option, type Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { paint, type CliIo } from '../io.js';
import { collect } from '../options.js';
import type { UndoOutcome } from '../../repair/undo.js';
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
      const { AfterReplaceError } = await import('../../repair/refuse.js');
      let outcome: UndoOutcome;
      let trouble: string | null = null;
      try {
        outcome = undoRepair(backup, file, {
          force: options.force,
          followSymlinks: options.followSymlinks,
          pidFiles: options.pidFile && options.pidFile.length > 0 ? options.pidFile : undefined,
        });
      } catch (error) {
        // Restored, but the directory fsync failed or a writer appended meanwhile.
        if (!(error instanceof AfterReplaceError)) throw error;
        outcome = error.outcome as UndoOutcome;
        trouble = error.message;
      }
      const code = trouble ? ExitCode.Operational : ExitCode.Ok;
      for (const holder of outcome.forcedPast) {
        io.err(paint(io, 'red', `leasecheck: WARNING: --force: restored although ${holder}\n`));
      }
      if (options.json) io.out(`${JSON.stringify({ ...outcome, exitCode: code }, null, 2)}\n`);
      else if (outcome.alreadyOriginal)
        io.out(
          `${outcome.file} already holds the original bytes of ${outcome.backup} (undone before?); nothing changed.\n`,
        );
      else
        io.out(
          `Restored ${outcome.file} from ${outcome.backup} (${outcome.restoredBytes} bytes). The backup is kept.\n`,
        );
      if (trouble) io.err(paint(io, 'red', `leasecheck: ${trouble}\n`));
      setExit(code);
    });
};
