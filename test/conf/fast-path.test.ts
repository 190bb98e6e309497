import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/load.js';
import { ConfSyntaxError, parseConfText } from '../../src/conf/parse.js';
import { fixturePath } from '../helpers.js';

// Counts every load of Ohm: importing it costs more than reading a whole
// configuration, so a valid file must be read by the compiled recogniser alone.
const ohmLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/grammar/ohm-lazy.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/grammar/ohm-lazy.js')>();
  return {
    ohmLibrary: () => {
      ohmLoads.count++;
      return actual.ohmLibrary();
    },
  };
});

describe('reading a valid dhcpd.conf', () => {
  it('never loads Ohm, with or without includes', async () => {
    ohmLoads.count = 0;
    const statements = parseConfText(readFileSync(fixturePath('fo-primary.conf'), 'latin1'), 'p');
    expect(statements.some((s) => s.kind === 'failover-peer')).toBe(true);
    const plan = await loadDhcpdConf('test/fixtures/conf/include/main.conf');
    expect(plan).toBeTruthy();
    expect(ohmLoads.count).toBe(0);
  });

  it('loads Ohm for the message when the file is wrong', () => {
    ohmLoads.count = 0;
    expect(() => parseConfText('range 10.0.0.1 banana;\n', 'bad.conf')).toThrow(ConfSyntaxError);
    expect(ohmLoads.count).toBeGreaterThan(0);
  });
});
