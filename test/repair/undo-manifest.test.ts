import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { undoRepair } from '../../src/repair/undo.js';
import { useTmp } from './helpers/tmp.js';

const tmp = useTmp();

describe('undo with a manifest that is not one repair --write wrote', () => {
  const sides = { bytes: 10, sha256: 'ab' };
  it.each([
    ['null', 'null'],
    ['a number', '1'],
    ['an array', '[1]'],
    ['a string', '"s"'],
    ['an empty object', '{}'],
    [
      'a file that is null',
      JSON.stringify({
        leasecheckUndo: 1,
        file: null,
        backup: 'b',
        original: sides,
        repaired: sides,
      }),
    ],
    [
      'sides without hashes',
      JSON.stringify({ leasecheckUndo: 1, file: 'f', backup: 'b', original: {}, repaired: {} }),
    ],
    ['not JSON', '{'],
    ['empty', ''],
  ])('refuses %s with one clear message (exit 8), never a TypeError', (_what, text) => {
    const dir = tmp();
    const backup = join(dir, 'dhcpd.leases.leasecheck-20261128T130000Z.bak');
    writeFileSync(backup, 'lease 10.0.0.1 {\n}\n');
    writeFileSync(`${backup}.json`, text);
    let error: unknown = null;
    try {
      undoRepair(backup, join(dir, 'dhcpd.leases'), { pidFiles: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeasecheckError);
    expect((error as LeasecheckError).exitCode).toBe(8);
    expect((error as LeasecheckError).message).toMatch(
      /not a leasecheck undo manifest|not valid JSON/,
    );
  });
});
