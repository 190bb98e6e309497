// The v4 files of the differential corpus: the real fixtures, generated files
// (some with dhcpd 3.x's legacy statements, some cut), one lease cut at every
// byte and others at sampled bytes (the partial leases dhcpd loads and then
// rewrites in its own way), and hand-made cases for what dhcpd does after damage,
// with no binding state, with junk at the tail, and with nothing at all.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { leasesFileWithConfig } from '../../src/arbitraries/index.js';
import { handWrittenCases, plainConf } from '../dhcpd/leases-for-cuts.js';
import { randomInts } from '../harness/index.js';
import { fixture } from './fixtures.js';

export interface CorpusCase {
  label: string;
  leases: Buffer;
  conf: string;
  /** 6: read by `dhcpd -6 -T` (corpus6.ts); default 4. */
  family?: 4 | 6;
}

const header = `# The format of this file is documented in the dhcpd.leases(5) manual page.
# This lease file was written by isc-dhcp-4.4.3-P1

# authoring-byte-order entry is generated, DO NOT DELETE
authoring-byte-order little-endian;

`;

const lease20 = `lease 10.0.0.20 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state active;
  next binding state free;
  hardware ethernet 00:00:00:00:00:20;
}
`;
const lease21 = `lease 10.0.0.21 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state free;
  hardware ethernet 00:00:00:00:00:21;
}
`;

/** Leases with no binding state, as dhcpd 2.x and 3.0 wrote them: dhcpd makes one up. */
const noState = `lease 10.0.0.30 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  hardware ethernet 00:00:00:00:00:30;
}
lease 10.0.0.31 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  hardware ethernet 00:00:00:00:00:31;
}
lease 10.0.0.32 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
}
lease 10.0.0.33 {
  ends 1 2001/01/01 00:10:00;
  on expiry {
    set gone = "yes";
  }
}
lease 10.0.0.34 {
  starts 1 2001/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  abandoned;
  hardware ethernet 00:00:00:00:00:34;
}
`;

/** Hand-made files: each names the behaviour of dhcpd it is there for. */
function handMade(): CorpusCase[] {
  const made = (label: string, text: string | Buffer): CorpusCase => ({
    label,
    leases: typeof text === 'string' ? Buffer.from(text, 'latin1') : text,
    conf: plainConf,
  });
  return [
    made('empty file', ''),
    made('header only', header),
    made('no binding state (old files)', header + noState),
    made(
      'no binding state, then a later declaration with one',
      header + noState + lease21.replace('10.0.0.21', '10.0.0.31'),
    ),
    made(
      'hardware type only, as dhcpd rewrites a cut lease',
      header + lease20.replace('00:00:00:00:00:20', ''),
    ),
    made(
      'junk at the tail: a shell line',
      `${header}${lease20}sudo systemctl restart isc-dhcp-server\n`,
    ),
    made(
      'junk at the tail: NUL padding',
      Buffer.concat([Buffer.from(header + lease20), Buffer.alloc(1024)]),
    ),
    made('junk at the tail: a word', `${header}${lease20}garbage`),
    made(
      'junk then a lease on the same line',
      `${header}${lease20}\0\0lease 10.0.0.21 {\n  binding state active;\n}\n`,
    ),
    made('junk with a semicolon, then a lease', `${header}${lease20}xx;\n${lease21}`),
    made('a bare failover block, then a lease', `${header}failover {\n}\n${lease20}${lease21}`),
    made(
      'a failover block without its peer, then a lease',
      `${header}failover peer "foo" {\n}\n${lease20}`,
    ),
    made('a stray closing brace between leases', `${header}${lease20}}\n${lease21}`),
    made(
      'a lease missing its closing brace, then a lease',
      `${header}${lease20.replace(/}\n$/, '')}${lease21}`,
    ),
    made(
      'a damaged statement inside a lease',
      `${header}${lease20.replace('binding state active', 'binding state activ')}${lease21}`,
    ),
    made(
      'an unknown statement inside a lease',
      `${header}${lease20.replace('  binding', '  frobnicate 1;\n  binding')}${lease21}`,
    ),
    made('a cut keyword at the end', `${header}${lease20}l`),
    made(
      'IAs in a file read by dhcpd -4 (it skips them whole)',
      `${header}${lease20}ia-na "\\001\\002\\003" {\n  iaaddr fd00::1 {\n    binding state active;\n  }\n}\nia-pd "x" { }\n${lease21}`,
    ),
  ];
}

/** `count` offsets in [1, length) spread evenly, plus the last `tail` bytes. */
function sampled(length: number, count: number): number[] {
  const cuts = new Set<number>();
  for (let i = 1; i <= count; i++) cuts.add(Math.max(1, Math.floor((i * length) / (count + 1))));
  return [...cuts].sort((a, b) => a - b);
}

/** The corpus for one seed (generated files and fixture cuts vary with it). */
export function corpus(
  seed: number,
  sizes: { generated: number; fixtureCuts: number },
): CorpusCase[] {
  const next = randomInts(seed);
  const all: CorpusCase[] = handMade();

  // One lease with every usual statement, cut at every byte; the others at every 5th byte.
  handWrittenCases().forEach((c, index) => {
    const step = index === 0 ? 1 : 17;
    for (let cut = 1 + (index === 0 ? 0 : next(step)); cut < c.last.length; cut += step) {
      all.push({
        label: `${c.name}: cut at byte ${cut} of the last lease`,
        leases: Buffer.from(c.prefix + c.last.slice(0, cut), 'latin1'),
        conf: c.conf,
      });
    }
  });

  for (const [leases, conf] of [
    ['srv.leases', 'srv.conf'],
    ['fo-primary.leases', 'fo-primary.conf'],
    ['fo-secondary.leases', 'fo-secondary.conf'],
    ['enospc-truncated.leases', 'enospc.conf'],
  ] as const) {
    const bytes = readFileSync(fixture(leases));
    const confText = readFileSync(fixture(conf), 'latin1');
    all.push({ label: `fixture ${leases}`, leases: bytes, conf: confText });
    for (const cut of sampled(bytes.length, sizes.fixtureCuts)) {
      const at = Math.min(bytes.length - 1, cut + next(7));
      all.push({
        label: `fixture ${leases} cut at ${at}`,
        leases: bytes.subarray(0, at),
        conf: confText,
      });
    }
  }

  const generated = fc.sample(
    leasesFileWithConfig({ now: new Date(), family: 'v4', legacy: true }),
    { seed, numRuns: sizes.generated },
  );
  generated.forEach((sample, index) => {
    const bytes = Buffer.from(sample.leases, 'latin1');
    all.push({ label: `generated #${index}`, leases: bytes, conf: sample.config });
    const at = 1 + next(bytes.length - 1);
    all.push({
      label: `generated #${index} cut at ${at}`,
      leases: bytes.subarray(0, at),
      conf: sample.config,
    });
  });
  return all;
}
