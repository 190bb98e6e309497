import type { Command, Option } from 'commander';
import { commandGuide, programExitCodes } from '../command-guide.js';

/**
 * leasecheck(1), written from the same commander program that `--help`
 * prints: every command, subcommand and option with its own description, and
 * each command's exit codes from the command guide. `npm run man` writes it
 * to man/leasecheck.1; a test fails when the file and the program disagree.
 */
export function renderManPage(program: Command, version: string): string {
  const out: string[] = [
    '.\\" Generated from the command-line program by scripts/generate-man.mjs; do not edit.',
    `.TH LEASECHECK 1 "" "leasecheck ${roff(version)}" "User Commands"`,
    '.SH NAME',
    'leasecheck \\- check, repair and verify ISC dhcpd lease files; tell when a restarted failover peer is back',
    '.SH SYNOPSIS',
    '.B leasecheck',
    '.RI [ --color\\ auto | always | never ]',
    '.I command',
    '.RI [ options ]',
    '.RI [ arguments ]',
    '.SH DESCRIPTION',
    roffText(program.description()),
    '.PP',
    roffText(
      'dhcpd appends every lease change to its lease file; a kill (and, since dhcpd 4.3, a plain systemctl stop) or a full disk can cut the last declaration, and dhcpd loads what is left without saying so. leasecheck tells whether the file is whole, where it is damaged and what dhcpd will do with it, proposes the repair as a unified diff and applies it safely, and answers the questions of a failover restart.',
    ),
    '.SH COMMANDS',
  ];
  for (const command of program.commands) {
    if (command.name() === 'help') continue;
    out.push(...commandSection(command, 'leasecheck'));
  }
  out.push(
    '.SH GLOBAL OPTIONS',
    ...program.options.flatMap((option) => optionItem(option)),
    '.SH EXIT STATUS',
    roffText(`As fsck(8): ${programExitCodes}.`),
    roffText(
      'With --format nagios, the monitoring-plugin convention instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage errors included, with one LEASECHECK UNKNOWN line on standard output).',
    ),
    '.SH ENVIRONMENT',
    ...item('NO_COLOR', 'When set and not empty, no colour (unless --color always).'),
    ...item(
      'FORCE_COLOR',
      'When set and not 0, colour even when standard output is not a terminal (unless --color never).',
    ),
    ...item('TERM', 'TERM=dumb turns colour off.'),
    ...item(
      'TMPDIR',
      'Where check - keeps its private copy of standard input, and fuzz its files.',
    ),
    '.SH FILES',
    ...item(
      '/var/lib/dhcp/dhcpd.leases',
      'The lease file on Debian and Ubuntu (dhcpd6.leases for dhcpd -6).',
    ),
    ...item('/var/lib/dhcpd/dhcpd.leases', 'The lease file on RHEL, Fedora and their relatives.'),
    ...item(
      'FILE~',
      "dhcpd's previous snapshot, kept at each rewrite; repair --restore-backup puts it back.",
    ),
    ...item(
      'FILE.leasecheck-TIME.bak',
      'The original, kept by repair --write (with a manifest that undo reads); never overwritten.',
    ),
    ...item(
      '/run/leasecheck.skip',
      'While it exists, the systemd drop-in and the SysV snippet start dhcpd without the check.',
    ),
    '.SH EXAMPLES',
    '.nf',
    'leasecheck check /var/lib/dhcp/dhcpd.leases',
    'leasecheck repair /var/lib/dhcp/dhcpd.leases          # the diff; nothing is written',
    'leasecheck repair /var/lib/dhcp/dhcpd.leases \\-\\-write',
    'leasecheck ready \\-\\-log /var/log/syslog \\-\\-since \\-15m \\-\\-wait 300',
    'leasecheck check /var/lib/dhcp/dhcpd.leases \\-\\-format nagios \\-\\-critical\\-age 86400',
    '.fi',
    '.SH SEE ALSO',
    '.BR dhcpd (8),',
    '.BR dhcpd.leases (5),',
    '.BR dhcpd.conf (5),',
    '.BR omshell (1),',
    '.BR fsck (8)',
    '',
  );
  return out.join('\n');
}

function commandSection(command: Command, parent: string): string[] {
  const path = `${parent} ${command.name()}`;
  const lines = [`.SS "${roff(path)} ${roff(command.usage())}"`, roffText(command.description())];
  const args = command.registeredArguments;
  for (const argument of args) {
    if (argument.description) lines.push(...item(argument.name(), argument.description));
  }
  const options = command.options.filter((option) => !option.hidden);
  if (options.length > 0) lines.push('.PP', 'Options:', ...options.flatMap(optionItem));
  const guide = commandGuide.find((entry) => entry.name === command.name());
  if (guide && parent === 'leasecheck') {
    lines.push('.PP', roffText(`Exit codes: ${guide.exitCodes.replace(/\n\s*/g, '; ')}.`));
  }
  for (const sub of command.commands) {
    if (sub.name() !== 'help') lines.push(...commandSection(sub, path));
  }
  return lines;
}

function optionItem(option: Option): string[] {
  let text = option.description;
  if (option.argChoices) text += ` (one of: ${option.argChoices.join(', ')})`;
  if (option.defaultValue !== undefined && option.defaultValue !== false) {
    text += ` (default: ${String(option.defaultValue)})`;
  }
  return item(option.flags, text);
}

function item(term: string, text: string): string[] {
  return ['.TP', `.B ${roff(term)}`, roffText(text)];
}

/**
 * Text safe inside a roff line: backslashes and hyphens escaped, and the
 * punctuation beyond ASCII spelled as groff's named characters or in ASCII
 * (`man` in the C locale, a fresh Debian's, renders with the ascii device,
 * which has no glyph for U+2026 and warns instead).
 */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/\u2014/g, '\\(em')
    .replace(/\u2013/g, '\\(en')
    .replace(/\u2026/g, '...');
}

/** A paragraph: as roff(), and no line may start with a control character. */
function roffText(text: string): string {
  return roff(text)
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}
