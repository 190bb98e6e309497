import { lstatSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { LeasecheckError } from '../../errors.js';
import { defaultRepairDeps } from '../../repair/default-deps.js';
import { shellQuote } from '../../shell-quote.js';
import type { WriteOutcome } from '../../repair/types.js';
import { planJson } from '../../repair/json.js';
import type { WriteOptions } from '../../repair/write.js';
import { ExitCode } from '../exit-codes.js';
import { paint, type CliIo } from '../io.js';
import { collect, nonEmpty, parsePositiveInteger, parseTime } from '../options.js';
import type { RegisterCommand } from './index.js';

interface RepairOptions {
  write?: boolean;
  backupDir?: string;
  salvage?: boolean;
  dropCorrupt?: boolean;
  restoreBackup?: boolean;
  force?: boolean;
  followSymlinks?: boolean;
  pidFile?: string[];
  preen?: boolean;
  now?: Date;
  json?: boolean;
  maxProblems?: number;
}

/**
 * Writes text that holds one character per file byte. Lease files are bytes
 * (latin1); writing them as UTF-8 would change every byte above 0x7f and the
 * diff would no longer apply. Raw even when ASCII: a CR or an ESC of the
 * file is part of the diff (the terminal, if that is where it goes, gets
 * them escaped: see processIo).
 */
export function outBytes(io: CliIo, text: string): void {
  io.outBytes(Buffer.from(text, 'latin1'));
}

function writeOptions(options: RepairOptions): WriteOptions {
  return {
    backupDir: options.backupDir,
    force: options.force,
    followSymlinks: options.followSymlinks,
    pidFiles: options.pidFile && options.pidFile.length > 0 ? options.pidFile : undefined,
  };
}

async function runPreen(file: string, options: RepairOptions, io: CliIo): Promise<number> {
  if (options.salvage || options.dropCorrupt || options.restoreBackup) {
    throw new LeasecheckError(
      '--preen repairs only a truncated tail; it cannot be combined with --salvage, --drop-corrupt or --restore-backup',
      16,
    );
  }
  const { preen } = await import('../../repair/preen.js');
  const result = await preen(
    file,
    { now: options.now ?? new Date(), write: writeOptions(options) },
    defaultRepairDeps,
  );
  const code = {
    clean: ExitCode.Ok,
    repaired: ExitCode.Corrected,
    problems: ExitCode.Problems,
    refused: ExitCode.Operational,
  }[result.status];
  if (options.json) {
    io.out(
      `${JSON.stringify({ file, status: result.status, lines: result.lines, notes: result.notes, outcome: result.outcome, exitCode: code }, null, 2)}\n`,
    );
  } else {
    for (const line of [...result.lines, ...result.notes]) io.err(`leasecheck: ${line}\n`);
  }
  return code;
}

/** Whether FILE is a symbolic link (--write replaces one only with --follow-symlinks). */
function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

async function runRepair(file: string, options: RepairOptions, io: CliIo): Promise<number> {
  if (options.preen) return runPreen(file, options, io);
  if (options.dropCorrupt && options.restoreBackup) {
    throw new LeasecheckError(
      '--drop-corrupt and --restore-backup are two different repairs of a damaged file: choose one',
      16,
    );
  }
  const now = options.now ?? new Date();
  const { analyseRepair } = await import('../../repair/analyse.js');
  const analysis = await analyseRepair(
    file,
    {
      now,
      salvage: options.salvage,
      dropCorrupt: options.dropCorrupt,
      restoreBackup: options.restoreBackup,
      ...(options.maxProblems !== undefined ? { maxProblems: options.maxProblems } : {}),
    },
    defaultRepairDeps,
  );
  const { plan } = analysis;
  const say = (line: string): void => io.err(`${line}\n`);

  if (plan.action === 'none') {
    if (options.json) io.out(`${JSON.stringify(planJson(plan, '', null, ExitCode.Ok), null, 2)}\n`);
    else say(`${file}: whole; nothing to repair.`);
    return ExitCode.Ok;
  }
  // Dropping damaged declarations is proposed without --drop-corrupt (when
  // FILE~ would lose more), but written only with it.
  const proposalOnly = plan.action === 'drop-corrupt' && !options.dropCorrupt;
  if (plan.action === 'refuse' || !options.write || proposalOnly) {
    const code = ExitCode.Problems;
    if (options.json) {
      io.out(`${JSON.stringify(planJson(plan, analysis.diff, null, code), null, 2)}\n`);
    } else {
      if (analysis.diff) outBytes(io, analysis.diff);
      for (const line of plan.explanation) say(line);
      if (analysis.diffOmitted) say(analysis.diffOmitted);
      if (plan.action !== 'refuse')
        say(
          paint(
            io,
            'bold',
            `Nothing changed. To apply: leasecheck repair ${shellQuote(file)} --write${options.salvage ? ' --salvage' : ''}${plan.action === 'drop-corrupt' ? ' --drop-corrupt' : ''}${options.restoreBackup ? ' --restore-backup' : ''}${options.maxProblems !== undefined ? ` --max-problems ${options.maxProblems}` : ''}${options.followSymlinks || !isSymlink(file) ? '' : ' --follow-symlinks'}`,
          ),
        );
    }
    return code;
  }

  const { applyPlan } = await import('../../repair/write.js');
  const { AfterReplaceError } = await import('../../repair/refuse.js');
  let outcome: WriteOutcome;
  let trouble: string | null = null;
  try {
    outcome = applyPlan(plan, writeOptions(options));
  } catch (error) {
    // Replaced, but the directory fsync failed or dhcpd appended in the last
    // window: exit 8, and the backup and undo lines all the same.
    if (!(error instanceof AfterReplaceError)) throw error;
    outcome = error.outcome as WriteOutcome;
    trouble = error.message;
  }
  const code = trouble ? ExitCode.Operational : ExitCode.Corrected;
  for (const holder of outcome.forcedPast) {
    io.err(paint(io, 'red', `leasecheck: WARNING: --force: wrote although ${holder}\n`));
  }
  if (options.json) {
    io.out(`${JSON.stringify(planJson(plan, analysis.diff, outcome, code), null, 2)}\n`);
  } else {
    for (const line of plan.explanation) say(line);
    const lines = [
      plan.action === 'restore-backup'
        ? `Restored ${outcome.file} from ${plan.source} (${outcome.bytesBefore} -> ${outcome.bytesAfter} bytes).`
        : `Repaired ${outcome.file}: ${plan.removed.map((r) => `removed ${r.length} bytes at byte ${r.offset} (line ${r.line}${r.key ? `, ${r.kind ?? ''} ${r.key}` : ''})`).join('; ')}${plan.action === 'salvage' ? ' and closed the lease' : ''}; ${outcome.bytesBefore} -> ${outcome.bytesAfter} bytes.`,
      outcome.backup
        ? `Backup: ${outcome.backup} (${outcome.backupMethod})`
        : `Backup: none (${plan.fingerprint ? 'the file was empty' : 'there was no file'})`,
      outcome.undoCommand ? `Undo: ${outcome.undoCommand}` : '',
    ].filter(Boolean);
    io.out(`${lines.join('\n')}\n`);
  }
  if (trouble) io.err(paint(io, 'red', `leasecheck: ${trouble}\n`));
  return code;
}

export const registerRepair: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command('repair')
    .description(
      'Propose the repair of a damaged lease file as a unified diff; apply it safely with --write, or at service start with --preen.',
    )
    .argument('<file>', 'the lease file, e.g. /var/lib/dhcp/dhcpd.leases')
    .option('--write', 'apply the repair: backup, then atomic replace (exit 1 when done)')
    .option(
      '--backup-dir <dir>',
      'where the backup goes (default: next to the file)',
      nonEmpty('--backup-dir'),
    )
    .option(
      '--salvage',
      'close a truncated lease after its last complete statement instead of removing it',
    )
    .option('--drop-corrupt', 'remove each damaged declaration of a file corrupt in the middle')
    .option(
      '--restore-backup',
      "replace a damaged or empty file by dhcpd's FILE~ even when FILE holds keys or newer states FILE~ lacks (they are lost)",
    )
    .option(
      '--max-problems <n>',
      'how many damaged declarations the check lists (and --drop-corrupt may remove); default: 1000 with --drop-corrupt, else 20',
      parsePositiveInteger,
    )
    .option('--force', 'write even when a process (dhcpd) holds the file — loudly')
    .option('--follow-symlinks', 'repair the target of a symbolic link')
    .addOption(
      new Option(
        '--pid-file <file>',
        "dhcpd's pid file (repeatable; default: the usual locations)",
      ).argParser(collect),
    )
    .option(
      '--preen',
      'non-interactive: repair a truncated tail safely, report anything else (for ExecStartPre)',
    )
    .option(
      '--now <time>',
      'the time predictions use (ISO 8601 or epoch seconds); default: now',
      parseTime,
    )
    .option('--json', 'print the plan and the outcome as JSON')
    .action(async (file: string, options: RepairOptions) => {
      setExit(await runRepair(file, options, io));
    });
};
