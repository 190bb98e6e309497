// dhcpd -6's reading of IA declarations (parse_ia_na/ta/pd_declaration,
// cleanup_lease6, add_lease6, write_leases6) against the real dhcpd -6 -T:
// for each file, the model (V6Bindings in confpars-ia.ts, fed the file's IAs
// in order) must give dhcpd's parse warnings (message and line, and the
// line-less "Corrupt lease file - possible data loss!"), its "No pool found"
// addresses, its "Wrote N NA, N TA, N PD leases" and the addresses of the
// snapshot it writes. The cases: every state of an iaaddr, the same IA or
// the same address read twice, addresses outside every pool, the statements
// dhcpd warns about and reads on, and each refusal (a short or unreadable
// IAID+DUID, no `{`, a bad address or prefix, no state, no ends, a state
// dhcpd -6 does not read, a stray token, the end of the file). dhcpd's
// answers are kept between runs (cached-dhcpd-test.ts): the mutation run
// repeats this test for every mutant.
import { describe, expect, it } from 'vitest';
import { requireRealDhcpd } from '../harness/index.js';
import { V6Bindings, type IaKind } from '../../src/dhcpd/confpars-ia.js';
import { ConfigAnalysis } from '../../src/check/config.js';
import { planFromText } from '../../src/conf/index.js';
import { cachedDhcpdTests, type CachedResult } from './cached-dhcpd-test.js';

const gate = requireRealDhcpd(['strace']);

const conf = `authoritative;
default-lease-time 600;
max-lease-time 7200;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
  range6 fd00:0:0:0:1::/80 temporary;
  prefix6 fd00:0:0:100:: fd00:0:0:1ff:: /64;
}
`;

const ends = '    ends 4 2036/12/11 20:00:00;\n';
const active = `    binding state active;\n${ends}`;

/** An IA of one address block; `id` is the text between `ia-na ` and ` {`. */
function ia(kind: IaKind, id: string, address: string, body = active, extra = ''): string {
  const sub = kind === 'ia-pd' ? 'iaprefix' : 'iaaddr';
  return `${kind} ${id} {\n  cltt 1 2001/01/01 00:00:00;\n${extra}  ${sub} ${address} {\n${body}  }\n}\n`;
}

const id = (n: number) => `"\\001\\002\\003\\004\\005\\006${String.fromCharCode(0x61 + n)}"`;

/**
 * Each case: the IA declarations of one file, in order. The model reads each
 * IA's own text: an IA refused with dhcpd still skipping at its end (which
 * swallows what follows, as check reports) is the last of its file.
 */
const cases: Array<[string, string[]]> = [
  [
    'an active address of each kind, in its pool',
    [
      ia('ia-na', id(0), 'fd00::100'),
      ia('ia-ta', id(0), 'fd00::1:0:0:200'),
      ia('ia-pd', id(0), 'fd00:0:0:100::/64'),
    ],
  ],
  [
    'every state of an iaaddr',
    ['active', 'free', 'expired', 'released', 'abandoned'].map((s, n) =>
      ia('ia-na', id(n), `fd00::${0x110 + n}`, `    binding state ${s};\n${ends}`),
    ),
  ],
  [
    'addresses in no pool (an ia-ta in a plain range6, an ia-na outside, a prefix of another length)',
    [
      ia('ia-na', id(0), 'fd00::5'),
      ia('ia-ta', id(1), 'fd00::105'),
      ia('ia-pd', id(2), 'fd00:0:0:100::/60'),
      ia('ia-na', id(3), 'fd00::106'),
    ],
  ],
  [
    'the same IA read twice: the later replaces the earlier whole',
    [ia('ia-na', id(0), 'fd00::120'), ia('ia-na', id(0), 'fd00::121')],
  ],
  [
    'the same IA, then an expired copy: its address is gone, and so is the IA',
    [
      ia('ia-na', id(0), 'fd00::122'),
      ia('ia-na', id(0), 'fd00::122', `    binding state expired;\n${ends}`),
    ],
  ],
  [
    'the same address in another IA: active takes it over (a warning), expired leaves it',
    [
      ia('ia-na', id(0), 'fd00::123'),
      ia('ia-na', id(1), 'fd00::123'),
      ia('ia-na', id(2), 'fd00::124'),
      ia('ia-na', id(3), 'fd00::124', `    binding state released;\n${ends}`),
    ],
  ],
  [
    'an IA holding two addresses, one of them abandoned',
    [
      `ia-na ${id(0)} {\n  iaaddr fd00::130 {\n${active}  }\n  iaaddr fd00::131 {\n    binding state abandoned;\n${ends}  }\n}\n`,
    ],
  ],
  [
    'statements dhcpd warns about and reads on',
    [
      ia(
        'ia-na',
        id(0),
        'fd00::140',
        `${active}    preferred-life x;\n    max-life 600\n    foo bar;\n    set "v" = 1;\n    set w = "x";\n    on expiry { set w = "y"; }\n`,
      ),
      ia(
        'ia-na',
        id(1),
        'fd00::141',
        `    preferred-life 300;\n    max-life x;\n${ends}    binding state active\n`,
      ),
    ],
  ],
  ['an IAID+DUID as a list of hex bytes', [ia('ia-na', '01:02:03:04:05:06:07', 'fd00::150')]],
  [
    'the same IA again, holding only an address in no pool: the IA is gone',
    [ia('ia-na', id(0), 'fd00::170'), ia('ia-na', id(0), 'fd00::5')],
  ],
  [
    // The refused copy is the last of its file: its recovery is still skipping at its end.
    'the same IA again with the same active address, then refused: the earlier copy keeps it',
    [
      ia('ia-na', id(0), 'fd00::185'),
      `ia-na ${id(0)} {\n  iaaddr fd00::185 {\n${active}  }\n  iaaddr fd00::186 {\n    binding state active;\n  }\n}\n`,
    ],
  ],
  [
    'the same IA read twice with the same address: no warning',
    [ia('ia-na', id(0), 'fd00::171'), ia('ia-na', id(0), 'fd00::171')],
  ],
  [
    'an IA of two addresses loses one to another IA: it keeps the other',
    [
      `ia-na ${id(0)} {\n  iaaddr fd00::172 {\n${active}  }\n  iaaddr fd00::173 {\n${active}  }\n}\n`,
      ia('ia-na', id(1), 'fd00::172'),
    ],
  ],
  ...(
    [
      ['a prefix length of -1', 'fd00:0:0:102::/-1'],
      ['a prefix length of 0', '::/0'],
      ['a prefix length of 128', 'fd00:0:0:103::1/128'],
      ['a prefix with no length before `;`, after the slash', 'fd00:0:0:104::/'],
      ['a prefix address inet_pton refuses', 'fd00:::104/64'],
      ['a prefix with an IPv4 suffix', '::ffff:10.0.0.0/120'],
      ['a prefix with groups after `::`', 'fd00::1:0:0:0/64'],
      ['a prefix with bits set after `::`', 'fd00::1:0:0:1/64'],
    ] as const
  ).map(([name, prefix]): [string, string[]] => [
    name,
    [ia('ia-na', id(1), 'fd00::180'), ia('ia-pd', id(0), prefix)],
  ]),
  ['an address with an IPv4 suffix', [ia('ia-na', id(0), '::ffff:10.0.0.1')]],
  [
    // The addresses are in inet_ntop's form, as dhcpd prints and writes them.
    'addresses and prefixes with IPv4 suffixes of several digits',
    [
      ia('ia-na', id(0), '::ffff:192.168.10.1'),
      ia('ia-pd', id(1), '::ffff:192.168.0.0/112'),
      ia('ia-pd', id(2), '::ffff:192.168.0.0/104'),
      ia('ia-pd', id(3), '::ffff:192.168.10.16/124'),
      ia('ia-pd', id(4), '::ffff:10.0.0.0/104'),
    ],
  ],
  [
    'prefixes with groups on both sides of `::`, and without `::`',
    [
      ia('ia-pd', id(0), 'fd00:0:0:100::/64'),
      ia('ia-pd', id(1), 'fd00:1:2::1:0/112'),
      ia('ia-pd', id(2), 'fd00:1:2::1:0/108'),
      ia('ia-pd', id(3), 'fd00:0:0:1a2:8000::/66'),
      ia('ia-pd', id(4), 'fd00:0:0:1a2:8000::/64'),
      ia('ia-pd', id(5), '1::1a3:0:0:0/80'),
      ia('ia-pd', id(6), '1::1a3:0:0:0/64'),
      ia('ia-pd', id(7), '1:2:3:4:5:6:7:0/112'),
      ia('ia-pd', id(8), '1:2:3:4:5:6:7:0/96'),
      ia('ia-pd', id(9), '1:2:3:4:5:8000::0/80'),
    ],
  ],
  [
    'an `on` block with nested braces, and `on` with no block',
    [
      ia(
        'ia-na',
        id(0),
        'fd00::182',
        `${active}    on expiry { if known { set a = 1; } else { set b = 2; } }\n    on release;\n    foo;\n`,
      ),
      ia('ia-na', id(1), 'fd00::183', `    on expiry { set a = 1; }\n    on release;\n${active}`),
    ],
  ],
  [
    'an address of 46 characters',
    [
      ia('ia-na', id(1), 'fd00::181'),
      ia('ia-na', id(0), '0000:0000:0000:0000:0000:0000:0000:0000:0000:1'),
    ],
  ],
  ['an IAID+DUID of 132 hex bytes', [ia('ia-na', Array(132).fill('0a').join(':'), 'fd00::174')]],
  [
    'an IAID+DUID list with a word in it (refused, still skipping: the last of its file)',
    [ia('ia-na', id(1), 'fd00::178'), ia('ia-na', '01:zz:03:04:05:06', 'fd00::175')],
  ],
  [
    'an address, white space and a number',
    [ia('ia-na', id(1), 'fd00::179'), ia('ia-na', id(0), 'fd00::176 7')],
  ],
  [
    'an address that begins with a string of hex digits',
    [ia('ia-na', id(1), 'fd00::17a'), ia('ia-na', id(0), '"fd00"::177')],
  ],
  ['an IAID+DUID of 5 bytes', [ia('ia-na', '"\\001\\002\\003\\004\\005"', 'fd00::151')]],
  ['an IAID+DUID of 5 hex bytes', [ia('ia-na', '01:02:03:04:05', 'fd00::151')]],
  ['an IAID+DUID of 132 bytes', [ia('ia-na', `"${'x'.repeat(132)}"`, 'fd00::152')]],
  ['an IAID+DUID of 131 bytes', [ia('ia-na', `"${'x'.repeat(131)}"`, 'fd00::152')]],
  ['an IAID+DUID of 133 hex bytes', [ia('ia-na', Array(133).fill('0a').join(':'), 'fd00::153')]],
  ['no IAID+DUID', [`ia-na {\n  iaaddr fd00::154 {\n${active}  }\n}\n`]],
  ['no `{` after the IAID+DUID', [`ia-na ${id(0)}\n  iaaddr fd00::155 {\n${active}  }\n}\n`]],
  ['an address followed by a word that is not hex', [ia('ia-na', id(0), 'fd00::zz')]],
  [
    // The refused IA, still skipping at its end, is the last of its file.
    'an address followed by `{` with no space, and one followed by a string of hex digits',
    [
      ia('ia-na', id(1), 'fd00::184'),
      `ia-na ${id(2)} {\n  iaaddr fd00::1a6{\n${active}  }\n}\n`,
      ia('ia-na', id(0), 'fd00::"1a5"'),
    ],
  ],
  ['`add` in an address (a keyword, and hex)', [ia('ia-na', id(0), 'fd00::add')]],
  ...(
    [
      ['an address inet_pton refuses', 'ia-na', 'fd00:::1'],
      [
        'an address too long for the buffer',
        'ia-na',
        '0000:0000:0000:0000:0000:0000:0000:0000:0001',
      ],
      ['a prefix longer than 128 bits', 'ia-pd', 'fd00:0:0:100::/129'],
      ['a prefix with no length', 'ia-pd', 'fd00:0:0:100::'],
      ['a prefix length that is not a number', 'ia-pd', 'fd00:0:0:100::/x'],
      ['a prefix with bits set past its length', 'ia-pd', 'fd00:0:0:100::1/64'],
    ] as const
  ).map(([name, kind, address]): [string, string[]] => [
    `${name}: the IA is refused, the next one read`,
    [ia(kind, id(0), address), ia('ia-na', id(1), 'fd00::160')],
  ]),
  [
    'a prefix with no length before `;`',
    [`ia-pd ${id(0)} {\n  iaprefix fd00:0:0:100::;\n}\n`, ia('ia-na', id(1), 'fd00::161')],
  ],
  ['no `{` after the address', [`ia-na ${id(0)} {\n  iaaddr fd00::156\n${active}  }\n}\n`]],
  ['no binding state', [ia('ia-na', id(0), 'fd00::157', ends)]],
  ['no ends', [ia('ia-pd', id(0), 'fd00:0:0:101::/64', '    binding state active;\n')]],
  [
    'a state dhcpd -6 does not read',
    [ia('ia-na', id(0), 'fd00::158', `    binding state backup;\n${ends}`)],
  ],
  ['`binding` without `state`', [ia('ia-na', id(0), 'fd00::159', `    binding active;\n${ends}`)]],
  ['`set` without `=`', [ia('ia-na', id(0), 'fd00::15a', `${active}    set w "x";\n`)]],
  [
    '`set` of a NAME and of a hex word, alone',
    [ia('ia-na', id(0), 'fd00::15c', `${active}    set wx = "x";\n    set ab = "y";\n`)],
  ],
  ['a stray statement in the IA', [ia('ia-na', id(0), 'fd00::15b', active, '  foo;\n')]],
  ['the end of the file inside an iaaddr', [ia('ia-na', id(0), 'fd00::15d').slice(0, -10)]],
  ['the end of the file before the IA closes', [ia('ia-na', id(0), 'fd00::15e').slice(0, -2)]],
];

interface Seen {
  warnings: Array<{ line: number | null; message: string }>;
  noPool: string[];
  wrote: { na: number; ta: number; pd: number };
  written: string[];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function predicted(ias: string[]): Seen {
  const v6 = new V6Bindings(
    new ConfigAnalysis('dhcpd.conf', planFromText(conf, 'dhcpd.conf')).pools6(),
  );
  const seen: Seen = { warnings: [], noPool: [], wrote: { na: 0, ta: 0, pd: 0 }, written: [] };
  let base = 1;
  for (const text of ias) {
    const kind = text.slice(0, 5) as IaKind;
    const r = v6.read(kind, text);
    for (const w of r.warnings)
      seen.warnings.push({ line: base + lineAt(text, w.offset) - 1, message: w.message });
    for (let i = 0; i < r.corruptLogs; i++)
      seen.warnings.push({ line: null, message: 'Corrupt lease file - possible data loss!' });
    seen.noPool.push(...r.noPool);
    base += text.split('\n').length - 1;
  }
  seen.wrote = v6.wrote();
  for (const [key, addresses] of v6.bindings())
    for (const a of addresses) seen.written.push(`${key.slice(0, 5)} ${a}`);
  seen.written.sort();
  return seen;
}

function real(r: CachedResult): Seen {
  const written: string[] = [];
  for (const m of (r.rewrite ?? '').matchAll(/^(ia-na|ia-ta|ia-pd) [^\n]*\{\n([^]*?)\n\}/gm))
    for (const a of (m[2] as string).matchAll(/^\s*ia(?:addr|prefix) ([0-9a-f:]+)(?:\/\d+)? \{/gm))
      written.push(`${m[1]} ${a[1]}`);
  return {
    warnings: r.warnings.map((w) => ({ line: w.line, message: w.message.trim() })),
    noPool: r.other.flatMap(
      (l) => /^No pool found for (?:\S+ )?(?:address|prefix) (\S+)$/.exec(l)?.[1] ?? [],
    ),
    wrote: { na: r.wrote.na ?? -1, ta: r.wrote.ta ?? -1, pd: r.wrote.pd ?? -1 },
    written: written.sort(),
  };
}

describe.skipIf(gate.skip)('IA declarations read as dhcpd -6 -T reads them', () => {
  it('gives the same warnings, "No pool found", Wrote counts and written addresses', async () => {
    const results = await cachedDhcpdTests(
      'ia-reading',
      cases.map(([, ias]) => ({
        conf: { content: conf },
        leases: { content: ias.join('') },
        family: 6 as const,
        keepRewrite: true,
      })),
    );
    const wrong = cases.flatMap(([name, ias], i) => {
      const want = real(results[i]!);
      const got = predicted(ias);
      return JSON.stringify(want) === JSON.stringify(got)
        ? []
        : [`${name}:\n  dhcpd ${JSON.stringify(want)}\n  model ${JSON.stringify(got)}`];
    });
    expect(wrong).toEqual([]);
    // Something was compared: written IAs, warnings and refusals all occur.
    const all = results.map(real);
    expect(all.some((s) => s.written.length > 0)).toBe(true);
    expect(all.filter((s) => s.warnings.length > 0).length).toBeGreaterThan(15);
  }, 120_000);
});
