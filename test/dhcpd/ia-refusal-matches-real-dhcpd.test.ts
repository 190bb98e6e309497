// What the IA model (V6Bindings.read in confpars-ia.ts) says about one IA
// declaration besides its warnings, each compared with the real dhcpd -6 -T:
//
// - `refused`: dhcpd returns before the IA's closing brace and does not enter
//   it, so an earlier copy of the same IA stays (an entered copy replaces it);
// - `skipping`: dhcpd's skip after the refusal is still under way where the
//   IA's text ends, with this many `{` open: it swallows what follows up to the
//   next `;` (0 open) or past that many `}`. Closing exactly that much lets the
//   next IA be read; closing one brace fewer loses it (0 open: the next
//   declaration is skipped whole);
// - `reason`: why, in the words check gives an admin ("dhcpd refuses this
//   ia-na (…): <reason>"), beside dhcpd's own message for the same input;
// - `lastBlockEnd`: where a cut IA is closed by repair (partial-ia.ts): the
//   closed text is one dhcpd -6 -T reads without a warning, keeping what the
//   model says;
// - 1,500 white space characters in a row inside an IA: dhcpd exits, and so
//   does the model's reading (DhcpdFatal), which check reports and survives.
//
// dhcpd's answers are kept between runs (cached-dhcpd-test.ts): the mutation
// run repeats these tests for every mutant.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireRealDhcpd } from '../harness/index.js';
import { V6Bindings, type IaKind, type IaReading } from '../../src/dhcpd/confpars-ia.js';
import { DhcpdFatal } from '../../src/dhcpd/conflex.js';
import { IA_CLOSE, partialIaEffect } from '../../src/dhcpd/partial-ia.js';
import { ConfigAnalysis } from '../../src/check/config.js';
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { planFromText } from '../../src/conf/index.js';
import { cachedDhcpdTests, type CachedResult } from './cached-dhcpd-test.js';

const gate = requireRealDhcpd(['strace']);

const conf = `authoritative;
default-lease-time 600;
max-lease-time 7200;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
  prefix6 fd00:0:0:100:: fd00:0:0:1ff:: /64;
}
`;
const pools = () => new ConfigAnalysis('dhcpd.conf', planFromText(conf, 'dhcpd.conf')).pools6();

const ends = '    ends 4 2036/12/11 20:00:00;\n';
const active = `    binding state active;\n${ends}`;
const id = (n: number) => `"\\001\\002\\003\\004\\005\\006${String.fromCharCode(0x61 + n)}"`;

function ia(kind: IaKind, iaid: string, address: string, body = active, extra = ''): string {
  const sub = kind === 'ia-pd' ? 'iaprefix' : 'iaaddr';
  return `${kind} ${iaid} {\n  cltt 1 2001/01/01 00:00:00;\n${extra}  ${sub} ${address} {\n${body}  }\n}\n`;
}

/** An earlier copy of the IA under test (id 0): it stays only if the copy under test is refused. */
const earlier = (kind: IaKind) =>
  ia(kind, id(0), kind === 'ia-pd' ? 'fd00:0:0:1a0::/64' : 'fd00::1a0');
const earlierAddress = (kind: IaKind) => (kind === 'ia-pd' ? 'fd00:0:0:1a0::' : 'fd00::1a0');
/** Two IAs after it: the ones dhcpd's skip may swallow. */
const next = ia('ia-na', id(1), 'fd00::1a1') + ia('ia-na', id(2), 'fd00::1a2');

/** The addresses dhcpd's snapshot writes, as `kind address`. */
function written(r: CachedResult): string[] {
  const out: string[] = [];
  for (const m of (r.rewrite ?? '').matchAll(/^(ia-na|ia-ta|ia-pd) [^\n]*\{\n([^]*?)\n\}/gm))
    for (const a of (m[2] as string).matchAll(/^\s*ia(?:addr|prefix) ([0-9a-f:]+)(?:\/\d+)? \{/gm))
      out.push(`${m[1]} ${a[1]}`);
  return out.sort();
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The last "corrupt lease file; …" warning and its line (dhcpd's refusal). */
function lastCorrupt(
  warnings: Array<{ line: number | null; message: string }>,
): { line: number | null; message: string } | null {
  return warnings.filter((w) => w.message.trim().startsWith('corrupt lease file')).at(-1) ?? null;
}

/**
 * What ends dhcpd's skips where the IA's text ends: `}` for each open brace
 * (a `;` when none is open), then a `;` for each skip that follows.
 */
function close(r: IaReading): string {
  if (r.skipping === null) return '';
  return (r.skipping === 0 ? ';' : '}'.repeat(r.skipping)) + ';'.repeat(r.skipsAfter);
}

/**
 * Each case: the IA under test (id 0 when it has one), and the reason the
 * model gives (null: dhcpd enters it). The IAs that end inside dhcpd's skip
 * are cut after the token dhcpd refuses, so the text appended after them is
 * read by that skip, not by the IA's own parsing.
 */
const cases: Array<[string, IaKind, string, string | null]> = [
  ['a whole IA: entered', 'ia-na', ia('ia-na', id(0), 'fd00::1a3'), null],
  [
    '`on expiry;` without a block: entered',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3', `${active}    on expiry;\n`),
    null,
  ],
  [
    'an IAID+DUID of 5 bytes',
    'ia-na',
    ia('ia-na', '"\\001\\002\\003\\004\\005"', 'fd00::1a3'),
    'its IAID+DUID has 5 bytes (dhcpd needs more than 5)',
  ],
  [
    'an IAID+DUID of 3 hex bytes',
    'ia-na',
    ia('ia-na', '01:02:03', 'fd00::1a3'),
    'its IAID+DUID has 3 bytes (dhcpd needs more than 5)',
  ],
  [
    'no IAID+DUID',
    'ia-na',
    `ia-na {\n  iaaddr fd00::1a3 {\n${active}  }\n}\n`,
    'dhcpd cannot read its IAID+DUID',
  ],
  [
    'an IAID+DUID list with a word in it',
    'ia-na',
    ia('ia-na', '01:zz:03:04:05:06', 'fd00::1a3'),
    'dhcpd cannot read its IAID+DUID',
  ],
  [
    'an IAID+DUID of 133 hex bytes',
    'ia-na',
    ia('ia-na', Array(133).fill('0a').join(':'), 'fd00::1a3'),
    'dhcpd cannot read its IAID+DUID',
  ],
  [
    'an IAID+DUID string of 132 bytes',
    'ia-na',
    ia('ia-na', `"${'x'.repeat(132)}"`, 'fd00::1a3'),
    'dhcpd cannot read its IAID+DUID',
  ],
  [
    'no `{` after the IAID+DUID',
    'ia-na',
    `ia-na ${id(0)}\n  iaaddr fd00::1a3 {\n${active}  }\n}\n`,
    'it has no `{`',
  ],
  [
    'a stray statement in the IA',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3', active, '  foo;\n'),
    '`foo` is not an iaaddr',
  ],
  [
    'a stray statement in an ia-pd',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:1a3::/64', active, '  iaaddr fd00::1a3;\n'),
    '`iaaddr` is not an iaprefix',
  ],
  [
    'an address inet_pton refuses',
    'ia-na',
    ia('ia-na', id(0), 'fd00:::1'),
    'its address is not one inet_pton reads',
  ],
  [
    'a prefix longer than 128 bits',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:100::/129'),
    'its prefix is refused ("Invalid IPv6 prefix length.")',
  ],
  [
    'a prefix with no length',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:100::'),
    'its prefix is refused ("Slash expected.")',
  ],
  [
    'a prefix length that is not a number',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:100::/x'),
    'its prefix is refused ("Number expected.")',
  ],
  [
    'a prefix with `/;` and no length',
    'ia-pd',
    `ia-pd ${id(0)} {\n  iaprefix fd00:0:0:100::/;\n  iaprefix fd00:0:0:101::/64 {\n${active}  }\n}\n`,
    'its prefix is refused ("Number expected.")',
  ],
  [
    'a prefix with no length before `;`',
    'ia-pd',
    `ia-pd ${id(0)} {\n  iaprefix fd00:0:0:100::;\n  iaprefix fd00:0:0:101::/64 {\n${active}  }\n}\n`,
    'its prefix is refused ("Slash expected.")',
  ],
  [
    'a prefix with bits set past its length',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:100::1/64'),
    'its prefix is refused ("network mask too short.")',
  ],
  [
    'no `{` after the address',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00::1a3\n${active}  }\n}\n`,
    'its iaaddr has no `{`',
  ],
  [
    'no `{` after the prefix',
    'ia-pd',
    `ia-pd ${id(0)} {\n  iaprefix fd00:0:0:1a3::/64\n${active}  }\n}\n`,
    'its iaprefix has no `{`',
  ],
  [
    '`binding` without `state`',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3', `    binding active;\n${ends}`),
    '`binding` is not followed by `state`',
  ],
  [
    'a state dhcpd -6 does not read',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3', `    binding state backup;\n${ends}`),
    '`backup` is not a state dhcpd -6 reads',
  ],
  [
    'no binding state',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3', ends),
    'an iaaddr has no `binding state`',
  ],
  [
    'no ends in an iaprefix',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:1a3::/64', '    binding state active;\n'),
    'an iaprefix has no `ends`',
  ],
  [
    '`set` without `=`',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3', `${active}    set w "x";\n`),
    'a `set` has no `=`',
  ],
  // Cut inside dhcpd's skip: the appended text is what the skip reads.
  [
    'an IAID+DUID of 5 bytes, cut inside the first iaaddr',
    'ia-na',
    `ia-na "\\001\\002\\003\\004\\005" {\n  iaaddr fd00::1a3 {\n`,
    'its IAID+DUID has 5 bytes (dhcpd needs more than 5)',
  ],
  [
    'no IAID+DUID, cut inside the first iaaddr',
    'ia-na',
    `ia-na {\n  iaaddr fd00::1a3 {\n`,
    'dhcpd cannot read its IAID+DUID',
  ],
  [
    'a word in the IAID+DUID list, cut inside the first iaaddr',
    'ia-na',
    `ia-na 01:zz:03 {\n  iaaddr fd00::1a3 {\n    binding state active;\n`,
    'dhcpd cannot read its IAID+DUID',
  ],
  [
    'an address inet_pton refuses, cut inside its block',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00:::1 {\n    binding state active;\n`,
    'its address is not one inet_pton reads',
  ],
  [
    'an address inet_pton refuses, cut inside nested blocks',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00:::1 {\n    on expiry { if x { set a = 1; `,
    'its address is not one inet_pton reads',
  ],
  [
    'a prefix length that is not a number, cut inside nested blocks',
    'ia-pd',
    `ia-pd ${id(0)} {\n  iaprefix fd00:0:0:100::/x { a { b`,
    'its prefix is refused ("Number expected.")',
  ],
  [
    '`binding` without `state`, cut inside a block after it',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00::1a3 {\n    binding x { y`,
    '`binding` is not followed by `state`',
  ],
  [
    '`set` without `=`, cut inside a block after it',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00::1a3 {\n    set w "x" { a`,
    'a `set` has no `=`',
  ],
];

/** IAs cut by the end of the file itself: dhcpd meets END_OF_FILE where it gives up. */
const atEnd: Array<[string, IaKind, string, string]> = [
  [
    'the file ends after a complete block',
    'ia-na',
    ia('ia-na', id(0), 'fd00::1a3').slice(0, -2),
    'the file ends before its closing `}`',
  ],
  [
    'the file ends inside an iaprefix',
    'ia-pd',
    ia('ia-pd', id(0), 'fd00:0:0:1a3::/64').slice(0, -6),
    'the file ends inside its iaprefix',
  ],
  [
    'the file ends inside an `on` block',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00::1a3 {\n${active}    on expiry { if known { set a = 1; `,
    'the file ends inside an `on` statement of its iaaddr',
  ],
  [
    'the file ends before an `on` block',
    'ia-pd',
    `ia-pd ${id(0)} {\n  iaprefix fd00:0:0:1a3::/64 {\n${active}    on expiry`,
    'the file ends inside an `on` statement of its iaprefix',
  ],
  [
    'the file ends after an `on` block',
    'ia-na',
    `ia-na ${id(0)} {\n  iaaddr fd00::1a3 {\n${active}    on expiry { set a = 1; }`,
    'the file ends inside its iaaddr',
  ],
];

/** The refusals check meets in a whole declaration (the grammar reads these IAs to their end). */
const throughCheck = [
  'an IAID+DUID of 5 bytes',
  'an IAID+DUID of 3 hex bytes',
  'an IAID+DUID of 133 hex bytes',
  'an IAID+DUID string of 132 bytes',
  'an address inet_pton refuses',
  'a prefix longer than 128 bits',
  'a prefix with no length',
  'a prefix with bits set past its length',
  'a state dhcpd -6 does not read',
  'no binding state',
  'no ends in an iaprefix',
];

/** check's predicted "Wrote N NA, N TA, N PD" numbers, as dhcpd's are parsed. */
function wroteOf(report: CheckReport): { na?: number; ta?: number; pd?: number } {
  const w = report.config?.wrote;
  return { na: w?.na, ta: w?.ta, pd: w?.pd };
}

interface Fate {
  /** The earlier copy of the IA is still written: the copy under test was not entered. */
  refused: boolean;
  /** dhcpd's refusal message and its line (null: none). */
  refusal: { line: number | null; message: string } | null;
  /** Are the two IAs after it written, with the skip closed exactly, and with it one short? */
  closed: [boolean, boolean];
  short: [boolean, boolean] | null;
}

// Read inside each test, not when the file loads: a mutation run switches its mutants on per test.
const readCases = () =>
  cases.map(([name, kind, text, reason]) => {
    const v6 = new V6Bindings(pools());
    v6.read(kind, earlier(kind));
    return { name, kind, text, reason, r: v6.read(kind, text) };
  });

function files(kind: IaKind, text: string, r: IaReading): string[] {
  const head = earlier(kind) + text;
  return [
    `${head}\n${close(r)}\n${next}`,
    // One character short: the last skip goes on into the IAs after it.
    ...(r.skipping === null ? [] : [`${head}\n${close(r).slice(0, -1)}\n${next}`]),
  ];
}

function predicted(kind: IaKind, text: string, r: IaReading): Fate {
  const base = earlier(kind).split('\n').length - 1;
  const w = lastCorrupt(
    r.warnings.map((x) => ({ line: base + lineAt(text, x.offset), message: x.message })),
  );
  // A refusal that follows parse_X's or parse_ip6_addr's own skip is logged where that skip
  // ends: in the closing text, on the line after the IA's.
  if (w && r.skipsAfter > 0) w.line = base + lineAt(text, text.length) + 1;
  // Left one short, a skip to the next `;` swallows the next IA whole; one with a brace open, all.
  const lastOpen = r.skipping !== null && r.skipsAfter === 0 && r.skipping > 0;
  return {
    refused: r.refused,
    refusal: w,
    closed: [true, true],
    short: r.skipping === null ? null : lastOpen ? [false, false] : [false, true],
  };
}

function seen(kind: IaKind, results: CachedResult[]): Fate {
  const keeps = (r: CachedResult): [boolean, boolean] => {
    const w = written(r);
    return [w.includes('ia-na fd00::1a1'), w.includes('ia-na fd00::1a2')];
  };
  const first = results[0]!;
  const w = lastCorrupt(first.warnings.map((x) => ({ line: x.line, message: x.message.trim() })));
  return {
    refused: written(first).includes(`${kind} ${earlierAddress(kind)}`),
    refusal: w,
    closed: keeps(first),
    short: results[1] ? keeps(results[1]) : null,
  };
}

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function check(text: string): Promise<CheckReport> {
  dir ||= await mkdtemp(join(tmpdir(), 'leasecheck-ia-refusal-'));
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.leases`);
  await writeFile(path, Buffer.from(text, 'latin1'));
  return checkLeaseFile(path, {
    now: new Date('2026-12-10T12:00:00Z'),
    config: { file: 'dhcpd.conf', plan: planFromText(conf, 'dhcpd.conf') },
  });
}

describe.skipIf(gate.skip)('what the IA model says of one IA, against dhcpd -6 -T', () => {
  it('refused or entered, its refusal message and how far dhcpd skips after it, as dhcpd does', async () => {
    const iaCases = readCases();
    const runs = iaCases.map(({ kind, text, r }) => files(kind, text, r));
    const results = await cachedDhcpdTests(
      'ia-refusal',
      runs.flat().map((leases) => ({
        conf: { content: conf },
        leases: { content: leases },
        family: 6 as const,
        keepRewrite: true,
      })),
    );
    let at = 0;
    const wrong = iaCases.flatMap(({ name, kind, text, r }, i) => {
      const own = results.slice(at, (at += runs[i]!.length));
      const want = seen(kind, own);
      const got = predicted(kind, text, r);
      return JSON.stringify(want) === JSON.stringify(got)
        ? []
        : [`${name}:\n  dhcpd ${JSON.stringify(want)}\n  model ${JSON.stringify(got)}`];
    });
    expect(wrong).toEqual([]);
    // Each kind of answer occurs: entered, refused, not skipping, and skips of 0 and more braces.
    const skips = new Set(iaCases.map(({ r }) => r.skipping));
    expect([...skips].sort()).toEqual([0, 1, 2, 3, null]);
    expect(iaCases.filter(({ r }) => !r.refused).length).toBe(2);
  }, 120_000);

  it('gives, for each refusal, the reason check quotes', () => {
    const iaCases = readCases();
    expect(iaCases.map(({ name, r }) => [name, r.reason])).toEqual(
      cases.map(([name, , , reason]) => [name, reason]),
    );
  });

  it("refuses an IA cut by the end of the file, with the reason and dhcpd's message", async () => {
    const results = await cachedDhcpdTests(
      'ia-refusal-at-end',
      atEnd.map(([, kind, text]) => ({
        conf: { content: conf },
        leases: { content: earlier(kind) + text },
        family: 6 as const,
        keepRewrite: true,
      })),
    );
    const wrong = atEnd.flatMap(([name, kind, text, reason], i) => {
      const v6 = new V6Bindings(pools());
      v6.read(kind, earlier(kind));
      const r = v6.read(kind, text);
      // Every warning, not just the refusal: parse_on_statement's own comes first.
      const base = earlier(kind).split('\n').length - 1;
      const got = {
        refused: r.refused,
        warnings: r.warnings.map((w) => [base + lineAt(text, w.offset), w.message]),
        reason: r.reason,
      };
      const dhcpd = results[i]!;
      const want = {
        refused: seen(kind, [dhcpd]).refused,
        warnings: dhcpd.warnings.map((w) => [w.line, w.message.trim()]),
        reason,
      };
      return JSON.stringify(want) === JSON.stringify(got)
        ? []
        : [`${name}:\n  dhcpd ${JSON.stringify(want)}\n  model ${JSON.stringify(got)}`];
    });
    expect(wrong).toEqual([]);
  }, 60_000);

  it("check's report quotes dhcpd's refusal and gives the reason, on dhcpd's line", async () => {
    const iaCases = readCases();
    // The refusals of IAs the grammar reads whole (check reads the others as syntax errors).
    const whole = iaCases.filter(({ name }) => throughCheck.includes(name));
    expect(whole.map(({ name }) => name)).toEqual(throughCheck);
    const results = await cachedDhcpdTests(
      'ia-refusal-check',
      whole.map(({ kind, text }) => ({
        conf: { content: conf },
        leases: { content: earlier(kind) + text + next },
        family: 6 as const,
        keepRewrite: true,
      })),
    );
    const wrong: string[] = [];
    for (const [i, { name, kind, text, reason }] of whole.entries()) {
      const dhcpd = results[i]!;
      const refusal = lastCorrupt(dhcpd.warnings)!;
      const logs = dhcpd.warnings.filter((w) => w.line === null).length;
      const swallows = !written(dhcpd).includes('ia-na fd00::1a1');
      const want = {
        line: refusal.line,
        message:
          `dhcpd refuses this ${kind} ("${refusal.message.trim()}"): ${reason}. It does not enter the IA` +
          (logs > 0
            ? ` and logs "Corrupt lease file - possible data loss!"${logs > 1 ? ` ${logs} times` : ''}`
            : '') +
          (swallows ? '; its recovery swallows the next declaration' : ''),
        wrote: dhcpd.wrote,
      };
      const report = await check(earlier(kind) + text + next);
      const p = report.problems.find((x) => x.code === 'dhcpd-refuses');
      const got = { line: p?.line, message: p?.message, wrote: wroteOf(report) };
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${name}:\n  dhcpd ${JSON.stringify(want)}\n  check ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('closes a cut IA after its last complete block: dhcpd -6 -T reads the closed text and keeps what the model says', async () => {
    const earlierCopy =
      `ia-na ${id(0)} {\n  cltt 1 2001/01/01 00:00:00;\n` +
      `  iaaddr fd00::1b0 {\n${active}  }\n  iaaddr fd00::1b1 {\n${active}  }\n}\n`;
    const later =
      `ia-na ${id(0)} {\n  cltt 1 2001/01/01 00:00:00;\n` +
      `  iaaddr fd00::1b0 {\n    binding state expired;\n${ends}  }\n` +
      `  iaaddr fd00::1b2 {\n${active}    on expiry { if known { set a = 1; } else { set b = 2; } }\n  }\n` +
      `  iaaddr fd00::1b1 {\n    binding state released;\n${ends}  }\n}\n`;
    // Cuts every 5 bytes, and on each side of each block's closing brace.
    const blockEnds = [...later.matchAll(/\n {2}\}\n/g)].map((m) => m.index + 4);
    const cuts = [
      ...new Set([
        ...Array.from({ length: Math.floor(later.length / 5) }, (_, k) => 5 * k + 20),
        ...blockEnds.flatMap((e) => [e - 1, e, e + 1]),
      ]),
    ]
      .filter((c) => c < later.length - 2)
      .sort((a, b) => a - b);
    // Without a dhcpd.conf (plain check) every address counts as in a pool: the same here.
    const plain = cuts.map((c) => partialIaEffect('ia-na', earlierCopy, later.slice(0, c)));
    const effects = cuts.map((c) =>
      partialIaEffect('ia-na', earlierCopy, later.slice(0, c), pools()),
    );
    const closings = [
      ...new Set(effects.flatMap((e) => (e.closeAt === null ? [] : [e.closeAt]))),
    ].sort((a, b) => a - b);
    // Every complete block gives a place to close (the three block ends), and cuts before the first give none.
    expect(closings).toEqual(blockEnds);
    expect(effects.some((e) => e.closeAt === null)).toBe(true);
    const results = await cachedDhcpdTests(
      'ia-closing',
      [
        earlierCopy,
        ...cuts.map((c) => earlierCopy + later.slice(0, c)),
        ...closings.map((at) => earlierCopy + later.slice(0, at) + IA_CLOSE),
      ].map((leases) => ({
        conf: { content: conf },
        leases: { content: leases },
        family: 6 as const,
        keepRewrite: true,
      })),
    );
    const addresses = (r: CachedResult) => written(r).map((a) => a.slice('ia-na '.length));
    const before = addresses(results[0]!);
    const closed = new Map(closings.map((at, k) => [at, results[1 + cuts.length + k]!] as const));
    const wrong = cuts.flatMap((c, k) => {
      const e = effects[k]!;
      const shut = e.closeAt === null ? undefined : closed.get(e.closeAt)!;
      const want = {
        before,
        damaged: addresses(results[1 + k]!),
        closed: shut ? { warnings: shut.warnings.length, held: addresses(shut) } : null,
      };
      const got = {
        before: e.before,
        damaged: e.damaged,
        closed: e.closed ? { warnings: 0, held: e.closed } : null,
      };
      return JSON.stringify(want) === JSON.stringify(got)
        ? []
        : [`cut at ${c}:\n  dhcpd ${JSON.stringify(want)}\n  model ${JSON.stringify(got)}`];
    });
    expect(wrong).toEqual([]);
    expect(plain).toEqual(effects);
  }, 120_000);

  it('1,500 white space characters inside an IA: dhcpd exits, the model stops there, check says so', async () => {
    // A run of n white space characters: the newline before, n - 3 spaces, the indentation after.
    const spaced = (n: number) => ia('ia-na', id(0), 'fd00::1a3', active, ' '.repeat(n - 3)) + next;
    const cut = next + ia('ia-na', id(0), 'fd00::1a3', active, ' '.repeat(1497)).slice(0, -3);
    const [exits, reads, cutExits] = await cachedDhcpdTests(
      'ia-whitespace',
      [spaced(1500), spaced(1499), cut].map((leases) => ({
        conf: { content: conf },
        leases: { content: leases },
        family: 6 as const,
      })),
    );
    for (const r of [exits!, cutExits!]) {
      expect(r.warnings.map((w) => w.message.trim())).toEqual([
        'whitespace too long, buffer overflow.',
      ]);
      expect(r.other).toContain('exiting.');
    }
    expect(reads!.warnings).toEqual([]);
    expect(reads!.wrote.na).toBe(3);

    expect(() => new V6Bindings(pools()).read('ia-na', spaced(1500))).toThrow(DhcpdFatal);
    expect(new V6Bindings(pools()).read('ia-na', spaced(1499)).refused).toBe(false);

    // check reports dhcpd's exit on dhcpd's line, not a refusal of the IA.
    const report = await check(spaced(1500));
    expect(report.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['whitespace-too-long', 'error', exits!.warnings[0]!.line],
    ]);
    expect(report.verdict).toBe('corrupt');
    // Cut inside the last IA: check gives its report (the cut tail, which a repair removes
    // with the white space in it) instead of failing.
    const tail = await check(cut);
    expect(tail.verdict).toBe('truncated-tail');
    expect(tail.truncated?.kind).toBe('ia-na');
  }, 60_000);
});
