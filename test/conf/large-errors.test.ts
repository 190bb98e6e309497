import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseError } from './parse-error.js';
import { repoRoot, tempDir } from '../helpers.js';

/** A dhcpd.conf of many hosts, about 100 bytes each. */
function hosts(count: number): string {
  return Array.from(
    { length: count },
    (_, n) =>
      `host h${n} {\n  hardware ethernet 00:0c:29:${(n >> 8) & 255}:${n & 255}:01;\n  fixed-address 10.1.${(n >> 8) & 255}.${n & 255};\n}\n`,
  ).join('');
}

describe('syntax errors in large dhcpd.conf files', () => {
  // Ohm's interpreter on a whole file of megabytes takes minutes and gigabytes:
  // it may only ever see the failing statement.
  it('says what was expected at an error after megabytes of valid statements', () => {
    const valid = hosts(30_000);
    expect(valid.length).toBeGreaterThan(2_000_000);
    const error = parseError(`${valid}host broken {\n  fixed-address 10.0.0.1\n}\n`);
    expect(error.line).toBe(valid.split('\n').length + 2);
    expect(error.expected).toMatch(/";"/);
    expect(error.expected).not.toMatch(/accepts/);
  }, 60_000);

  it('says "end of input" too when the damage is where a statement should start', () => {
    const error = parseError(`${hosts(2_000)};\n`);
    expect(error.expected).toBe('end of input or a parameter or declaration');
  }, 60_000);

  it('answers megabytes without a statement at all with a plain error and a cut excerpt', () => {
    const error = parseError('a'.repeat(3_000_000));
    expect(error.line).toBe(1);
    expect(error.excerpt.split('\n')[0]!.length).toBeLessThan(200);
    expect(error.message.length).toBeLessThan(1000);
  }, 60_000);

  it('escapes control bytes in the excerpt, with the caret under the failing byte', () => {
    const error = parseError('option x "\u0001\u0002"; range 10.0.0.1 banana;\n');
    const [line, caret] = error.excerpt.split('\n') as [string, string];
    expect(line).toBe('  option x "\\x01\\x02"; range 10.0.0.1 banana;');
    expect(caret.indexOf('^')).toBe(line.indexOf('banana'));
  });

  it('pair exits 8 with one clear message for megabytes that are no dhcpd.conf at all', () => {
    const dir = tempDir('bigconf');
    const conf = join(dir, 'dhcpd.conf');
    const garbage = join(dir, 'garbage.conf');
    writeFileSync(conf, 'authoritative;\n');
    writeFileSync(garbage, `${'\u00ff'.repeat(1000)}${'a'.repeat(5_000_000)}`, 'latin1');
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin/leasecheck.js'), 'pair', conf, garbage],
      { encoding: 'latin1', timeout: 60_000 },
    );
    expect(result.signal).toBeNull();
    expect(result.status).toBe(8);
    expect(result.stderr).toMatch(/garbage\.conf:1:\d+: syntax error/);
    expect(result.stderr.split('\n').length).toBeLessThan(6);
  }, 90_000);
});
