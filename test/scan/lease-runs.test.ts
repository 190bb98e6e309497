import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leasesFile } from '../../src/arbitraries/index.js';
import { bindingStates } from '../../src/model/types.js';
import { ipv4Number } from '../../src/model/ipv4.js';
import { scanLeaseBytes } from '../../src/scan/index.js';
import { propertyParameters } from '../helpers.js';

/**
 * `check` scans in 'summary' detail: past the first 4 KiB, leases are
 * matched in runs by the WebAssembly engine (matchMany) and handed over
 * from their events alone. What it hands over must be what the full scan
 * reads from the same file: every lease (its offset, address and binding
 * state), every other declaration, the date forms, whatever interrupts a
 * run (a host, a lease with an escape dhcpd reads otherwise, a lease too
 * long for a run, damage).
 */

interface Read {
  leases: string[];
  /** Offsets of the leases handed over in full (onDeclaration) in 'summary' detail. */
  inFull: number[];
  others: string[];
  failures: number[];
  utcDates: number;
  epochDates: number;
}

function read(text: string, detail: 'full' | 'summary', chunkSize?: number): Read {
  const seen: Read = {
    leases: [],
    inFull: [],
    others: [],
    failures: [],
    utcDates: 0,
    epochDates: 0,
  };
  const summary = scanLeaseBytes(
    Buffer.from(text, 'latin1'),
    {
      onDeclaration: (d) => {
        if (d.kind === 'lease') {
          const state = d.bindingState ?? 'none';
          seen.leases.push(`${d.offset} ${ipv4Number(d.key ?? '') ?? -1} ${state}`);
          if (detail === 'summary') seen.inFull.push(d.offset);
        } else seen.others.push(`${d.offset} ${d.kind}`);
      },
      leases: {
        addLease: (lease, offset) => {
          const state = lease.state < 0 ? 'none' : bindingStates[lease.state];
          seen.leases.push(`${offset} ${lease.address} ${state}`);
        },
      },
      onFailure: (f) => seen.failures.push(f.offset),
    },
    detail,
    chunkSize,
  );
  seen.utcDates = summary.utcDates;
  seen.epochDates = summary.epochDates;
  return seen;
}

const states = ['active', 'free', 'expired', 'released', 'backup'];
const lease = (i: number, body = ''): string =>
  `lease 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} {\n` +
  `  starts 4 2026/01/01 00:00:00;\n  ends ${i % 3 === 0 ? 'epoch 1767225600' : '4 2026/01/01 01:00:00'};\n` +
  `  binding state ${states[i % states.length]};\n${body}}\n`;

/** About 270 KB: the JavaScript engine's first 4 KiB, then runs, interrupted by everything that stops one. */
function mixedFile(): string {
  const parts: string[] = [];
  for (let i = 0; i < 2400; i++) {
    if (i % 97 === 5)
      parts.push(lease(i, '  uid "\\0xab";\n')); // a bad escape
    else if (i % 211 === 7) parts.push(`host h${i} {\n  hardware ethernet 00:11:22:33:44:55;\n}\n`);
    else if (i % 331 === 9)
      parts.push(lease(i, `  client-hostname "${'x'.repeat(1600)}";\n`)); // too long for a run
    else if (i % 409 === 11)
      parts.push(`lease 10.99.0.${i & 255} {\n  binding state act!ve;\n}\n`); // damage
    else if (i % 13 === 0) parts.push(lease(i, '  abandoned;\n'));
    else parts.push(lease(i));
  }
  return parts.join('');
}

describe('leases matched in runs', () => {
  it('hands over what the full scan reads, across the engines and every kind of interruption', () => {
    const text = mixedFile();
    expect(text.length).toBeGreaterThan(250_000);
    const full = read(text, 'full');
    expect(full.leases.length).toBeGreaterThan(2000);
    expect(full.failures.length).toBeGreaterThan(2);
    expect(full.epochDates).toBeGreaterThan(500);
    // dhcpd's lexer must read these again: they come in full, not as a summary.
    const needLexer = [...text.matchAll(/lease [^{]*\{[^}]*(\\0x|x{1600})[^}]*\}/g)].map(
      (m) => m.index,
    );
    expect(needLexer.length).toBeGreaterThan(20);
    for (const chunkSize of [undefined, 4096, 65_537]) {
      const summary = read(text, 'summary', chunkSize);
      expect(summary.inFull).toEqual(needLexer);
      expect({ ...summary, inFull: [] }).toEqual(full);
    }
  });

  it('hands over what the full scan reads on generated files (fast-check)', () => {
    // Generated files are small: a 40 KiB prefix makes the engine hand over first.
    const prefix = Array.from({ length: 150 }, (_, i) => lease(i)).join('');
    fc.assert(
      fc.property(leasesFile(), (generated) => {
        const text = prefix + generated;
        expect({ ...read(text, 'summary'), inFull: [] }).toEqual(read(text, 'full'));
      }),
      propertyParameters(60),
    );
  });
});
