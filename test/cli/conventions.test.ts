import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandGuide } from '../../src/cli/command-guide.js';
import { colourWanted } from '../../src/cli/io.js';
import { repoRoot } from '../helpers.js';

const bin = join(repoRoot, 'bin/leasecheck.js');
const run = (args: string[], input?: Buffer, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    ...(input ? { input } : {}),
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
const sample = (name: string) => join(repoRoot, 'samples', name);

describe('the command line keeps the conventions admins script against', () => {
  it('lists the commands in workflow order, and every command help ends with its exit codes', () => {
    const help = run(['--help']).stdout;
    const commandsPart = help.slice(help.indexOf('\nCommands:'));
    const listed = [...commandsPart.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]);
    const commands = listed.filter((name) => name !== 'help');
    expect(commands).toEqual(commandGuide.map((entry) => entry.name));
    expect(help).toMatch(/\nExit codes: .*16 usage error/);
    for (const { name, exitCodes } of commandGuide) {
      const own = run([name, '--help']);
      expect(own.status, name).toBe(0);
      expect(own.stdout.trimEnd().endsWith(`Exit codes: ${exitCodes}`), name).toBe(true);
    }
  });

  it('check - reads standard input, reports it as "-", and answers as for the file', () => {
    for (const name of ['clean-v4.leases', 'truncated-tail.leases', 'corrupt-middle.leases']) {
      const bytes = readFileSync(sample(name));
      const fromFile = run(['check', '--json', '--now', '2026-12-01T00:00:00Z', sample(name)]);
      const fromStdin = run(['check', '--json', '--now', '2026-12-01T00:00:00Z', '-'], bytes);
      expect(fromStdin.status, name).toBe(fromFile.status);
      const a = JSON.parse(fromFile.stdout) as Record<string, unknown>;
      const b = JSON.parse(fromStdin.stdout) as Record<string, unknown>;
      expect(b.file).toBe('-');
      const { file: _a, elapsedMs: _x, ...restA } = a;
      const { file: _b, elapsedMs: _y, ...restB } = b;
      expect(restB).toEqual(restA);
    }
  });

  it('--color always|never decides; otherwise FORCE_COLOR, NO_COLOR and TERM=dumb are honoured', () => {
    expect(colourWanted('always', false, {})).toBe(true);
    expect(colourWanted('never', true, { FORCE_COLOR: '1' })).toBe(false);
    expect(colourWanted('auto', true, {})).toBe(true);
    expect(colourWanted('auto', false, {})).toBe(false);
    expect(colourWanted('auto', false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourWanted('auto', true, { FORCE_COLOR: '0' })).toBe(true);
    expect(colourWanted('auto', true, { NO_COLOR: '1' })).toBe(false);
    expect(colourWanted('auto', true, { NO_COLOR: '' })).toBe(true);
    expect(colourWanted('auto', true, { TERM: 'dumb' })).toBe(false);
    const file = sample('truncated-tail.leases');
    expect(run(['check', '--color', 'always', file]).stdout).toContain('\u001b[');
    expect(
      run(['check', file, '--color=never'], undefined, { FORCE_COLOR: '1' }).stdout,
    ).not.toContain('\u001b[');
  });
});

describe('the progress line', () => {
  it('fits the terminal: never wider than its columns minus one, the bar shrinking first', async () => {
    const { progressLine } = await import('../../src/cli/progress.js');
    for (const columns of [200, 80, 60, 40, 20, 5, 1]) {
      const line = progressLine(44_000_000, 89_000_000, 0.4, columns);
      expect(line.length, `${columns} columns`).toBeLessThanOrEqual(columns - 1);
    }
    expect(progressLine(44_000_000, 89_000_000, 0.4, 80)).toMatch(
      /^\[#{15} {15}\] {2}49% {2}44\/89 MB {2}110 MB\/s$/,
    );
    expect(progressLine(44_000_000, 89_000_000, 0.4, 40)).toMatch(/^\[#{6} {6}\] {2}49%/);
    expect(progressLine(44_000_000, 89_000_000, 0.4, 20)).not.toContain('[');
  });
});
