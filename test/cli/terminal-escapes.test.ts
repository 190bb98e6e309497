import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/cli/terminal-safe.js';

/**
 * Nothing from a lease file, a log or a file name reaches the terminal as a
 * control sequence: ESC, OSC, C1 CSI (latin1 0x9B) and the like are printed
 * as \uXXXX; JSON stays valid JSON for the same values.
 */
const dir = mkdtempSync(join(tmpdir(), 'leasecheck-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// eslint-disable-next-line no-control-regex
const rawControl = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function cli(args: string[]) {
  const run = spawnSync('node', [join(process.cwd(), 'bin/leasecheck.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('terminalSafe', () => {
  it('escapes C0 (but tab and newline), DEL, C1 and lone surrogates; keeps text, tab, newline and pairs', () => {
    expect(terminalSafe('a\tb\nc')).toBe('a\tb\nc');
    expect(terminalSafe('\u001b]0;owned\u0007x')).toBe('\\u001b]0;owned\\u0007x');
    expect(terminalSafe('\u009b2J\u007f\r')).toBe('\\u009b2J\\u007f\\u000d');
    expect(terminalSafe('\ud800 \u{1f600}')).toBe('\\ud800 \u{1f600}');
    expect(terminalSafe('ÿé')).toBe('ÿé');
  });

  it("passes leasecheck's own colours and progress sequences only when asked", () => {
    expect(terminalSafe('\r\u001b[K\u001b[31mred\u001b[0m', true)).toBe(
      '\r\u001b[K\u001b[31mred\u001b[0m',
    );
    expect(terminalSafe('\u001b[31mred', false)).toBe('\\u001b[31mred');
    expect(terminalSafe('x\ry', true)).toBe('x\\u000dy');
    expect(terminalSafe('\u001b]0;t\u0007', true)).toBe('\\u001b]0;t\\u0007');
  });

  it('keeps JSON valid and equal in value', () => {
    const value = { name: 'a\u009b\u007fb', n: 1 };
    const safe = terminalSafe(JSON.stringify(value));
    expect(safe).not.toMatch(rawControl);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('the CLI prints no raw control character from its input', () => {
  const hostile =
    '# This lease file was written by isc-dhcp-\u001b]0;owned\u0007\n' +
    'failover peer "\u001b[2Jpeer" state {\n  my state normal at 6 2026/11/28 12:00:00;\n  partner state normal at 6 2026/11/28 12:00:00;\n}\n' +
    'lease 10.0.0.1 {\n  binding state active;\n  client-hostname "\u001b[31mevil\u009b";\n}\n' +
    'lease 10.0.0.2 {\n  binding st\u001b[1Aate free;\n}\n';
  const file = join(dir, 'hostile.leases');
  writeFileSync(file, hostile, 'latin1');

  for (const args of [
    ['check', file],
    ['check', file, '--json'],
    ['repair', file],
    ['check', join(dir, 'no-such-\u001b]0;x\u0007.leases')],
    ['pair', file, file],
  ]) {
    it(`leasecheck ${args[0]} ${args.slice(2).join(' ')} (${args[1]!.includes('no-such') ? 'file name' : 'file content'})`, () => {
      const r = cli(args);
      expect(r.stderr).not.toMatch(rawControl);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // stdout is a pipe here: a diff keeps its bytes for patch(1); everything else is escaped.
      if (args[0] !== 'repair') expect(r.stdout).not.toMatch(rawControl);
      if (args.includes('--json')) expect(() => JSON.parse(r.stdout)).not.toThrow();
    });
  }
});
