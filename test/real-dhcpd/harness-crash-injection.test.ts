import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  cleanupAfterAll,
  crashAtWrite,
  crashLan,
  dhcpdEofLine,
  dhcpdTest,
  requireRealDhcpd,
} from '../harness/index.js';

const gate = requireRealDhcpd(['perfdhcp', 'strace']);

describe.skipIf(gate.skip)('harness: strace kills dhcpd at its Nth write(2)', () => {
  const cleanup = cleanupAfterAll();

  it('leaves a lease file that ends in the middle of a declaration', async () => {
    const lan = await crashLan(cleanup);
    const seen: string[] = [];
    // The first write of a burst is a 4 KiB stdio block ending inside a lease; killing at the
    // next write keeps that cut. Try a few points in case a batch was small.
    for (const nth of [2, 3, 4, 5]) {
      const crash = await crashAtWrite(cleanup, lan, nth);
      expect(crash.struck).toBe(true);
      expect(crash.exit?.signal).toBe('SIGKILL');
      const text = (await readFile(crash.copy)).toString('latin1');
      const writes = crash.trace.match(/ write\(/g)?.length ?? 0;
      seen.push(
        `N=${nth}: ${text.length} bytes, ${writes} writes traced, ends ${JSON.stringify(text.slice(-20))}`,
      );
      if (/\}\n?$/.test(text)) continue;
      const result = await dhcpdTest(crash.confPath, crash.copy);
      expect(result.warnings.length).toBeGreaterThan(0);
      // dhcpd complains on the line of the last token it read.
      expect(result.warnings.at(-1)?.line).toBe(dhcpdEofLine(text));
      return;
    }
    expect.fail(`no crash point left a partial declaration:\n${seen.join('\n')}`);
  });
});
