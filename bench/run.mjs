#!/usr/bin/env node
// npm run bench [-- --runs R] [--seed S] [--leases N] [--only CASES] [--huge]
//                [--against OTHER/bin/leasecheck.js] [--keep-env]
//
// Times leasecheck on the lease files admins have, each case side by side in
// one run with what it is compared with, alternating the two (or three)
// commands run after run, and prints the medians, the median of the per-run
// ratios and the peak RSS, with the exact commands that produced them:
//
//   tiny       a 75-byte file                        vs `node -e 0`
//   real       3.7 MB-class generated file (12,500 leases written the way dhcpd
//              writes them: a snapshot, then renewals appended; active, free,
//              expired, released, abandoned and backup leases, hostnames,
//              `set` values) vs `node -e 0` and dhcpd-pools
//   real6      the v6 file beside it (ia-na and ia-pd)  vs `node -e 0`
//   clean      30 MB (100,000 leases, or --leases N)  vs dhcpd-pools
//   pools      `leasecheck pools --format csv` on it vs dhcpd-pools
//   cut        the same file cut 40 bytes short, inside its last lease
//              vs the clean file (a cut file should be no slower)
//   large      107 MB (360,000 leases)                vs dhcpd-pools
//   huge       1 GB (3,600,000 leases), only with --huge, vs dhcpd-pools
//
// --only real,cut runs some cases; --against runs another build's
// bin/leasecheck.js alternately with this one on every leasecheck command
// (paired A/B runs: the ratio of each pair, then its median).
//
// Files are generated deterministically from the seed into bench/out/ and
// kept there. NODE_EXTRA_CA_CERTS is left out of the tools' environment
// (unless --keep-env): with it, every Node process parses the whole CA bundle
// before running a line of JavaScript, which measures the machine's
// certificate setup, not leasecheck.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { openSync, readSync, closeSync, ftruncateSync, copyFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const runs = Number(option('runs', 7));
const seed = Number(option('seed', 42));
const cleanLeases = Number(option('leases', 100_000));
const huge = args.includes('--huge');
const only = option('only', undefined)?.split(',');
const against = option('against', undefined);
const keepEnv = args.includes('--keep-env');
const setupOnly = ['NODE_EXTRA_CA_CERTS'].filter((name) => process.env[name] !== undefined);
const toolEnv = { ...process.env };
if (!keepEnv) for (const name of setupOnly) delete toolEnv[name];
const outDir = join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });

// mulberry32: a small deterministic generator, so the file is the same for a seed.
function random(seedValue) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
function dhcpdDate(seconds) {
  const d = new Date(seconds * 1000);
  return `${d.getUTCDay()} ${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const hex = (n) => n.toString(16).padStart(2, '0');
// A binary string the way dhcpd writes it (common/print.c print_hex_or_string's
// escapes): printable characters as they are, the rest as three octal digits.
const dhcpdString = (bytes) =>
  bytes
    .map((b) =>
      b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c
        ? String.fromCharCode(b)
        : `\\${b.toString(8).padStart(3, '0')}`,
    )
    .join('');

const header =
  '# The format of this file is documented in the dhcpd.leases(5) manual page.\n' +
  '# This lease file was written by isc-dhcp-4.4.3-P1\n\n' +
  '# authoring-byte-order entry is generated, DO NOT DELETE\nauthoring-byte-order little-endian;\n\n' +
  'server-duid "\\000\\001\\000\\0012\\235\\212\\362\\216\\0270\\355\\360\\255";\n\n';

async function writeFile(path, declarations) {
  const out = createWriteStream(path, { encoding: 'latin1' });
  const write = (text) =>
    out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));
  await write(header);
  for (const text of declarations) await write(text);
  await new Promise((resolve) => out.end(resolve));
}

const base = 1_900_000_000; // 2030: well clear of now, so no active lease has run out.
const STATES = [
  [0.6, 'active'],
  [0.15, 'free'],
  [0.08, 'expired'],
  [0.04, 'released'],
  [0.01, 'abandoned'],
  [0.12, 'backup'],
];

// A dhcpd.leases of `count` lease declarations: 80% a snapshot of distinct
// addresses in order, then 20% renewals of earlier addresses appended, as
// dhcpd appends a lease each time it changes.
function* v4Leases(count) {
  const rand = random(seed);
  const addresses = Math.ceil(count * 0.8);
  for (let i = 0; i < count; i++) {
    const index = i < addresses ? i : Math.floor(rand() * addresses);
    const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    const starts = base + Math.floor(rand() * 86_400);
    let pick = rand();
    const state = STATES.find(([share]) => (pick -= share) < 0)?.[1] ?? 'active';
    const mac = [
      0,
      12,
      (index >> 16) & 255,
      (index >> 8) & 255,
      index & 255,
      Math.floor(rand() * 256),
    ];
    let text = `lease ${ip} {\n  starts ${dhcpdDate(starts)};\n  ends ${dhcpdDate(starts + 600)};\n`;
    text += `  tstp ${dhcpdDate(starts + 600)};\n  cltt ${dhcpdDate(starts)};\n`;
    const next = state === 'active' ? 'free' : state === 'backup' ? 'backup' : 'free';
    text += `  binding state ${state};\n  next binding state ${next};\n  rewind binding state free;\n`;
    if (state !== 'backup' && state !== 'free') {
      text += `  hardware ethernet ${mac.map(hex).join(':')};\n`;
      text += `  uid "${dhcpdString([1, ...mac])}";\n`;
      if (rand() < 0.2) text += '  set vendor-class-identifier = "MSFT 5.0";\n';
      if (rand() < 0.3) text += `  client-hostname "host-${index}";\n`;
    }
    yield `${text}}\n`;
  }
}

// A dhcpd6.leases: ia-na (most) and ia-pd declarations, renewals appended.
function* v6Leases(count) {
  const rand = random(seed + 6);
  const clients = Math.ceil(count * 0.8);
  for (let i = 0; i < count; i++) {
    const index = i < clients ? i : Math.floor(rand() * clients);
    const iaid = [index & 255, (index >> 8) & 255, 0, 0];
    const duid = [
      0,
      1,
      0,
      1,
      0x2e,
      0x9d,
      0x8b,
      0x68,
      0,
      0x16,
      0x3e,
      (index >> 16) & 255,
      (index >> 8) & 255,
      index & 255,
    ];
    const cltt = base + Math.floor(rand() * 86_400);
    const state = rand() < 0.8 ? 'active' : rand() < 0.5 ? 'expired' : 'released';
    const pd = rand() < 0.1;
    let text = `${pd ? 'ia-pd' : 'ia-na'} "${dhcpdString([...iaid, ...duid])}" {\n  cltt ${dhcpdDate(cltt)};\n`;
    text += pd
      ? `  iaprefix fd00:0:${(index >> 8).toString(16)}:${(index & 255).toString(16)}00::/56 {\n`
      : `  iaaddr fd00::${(index >> 16).toString(16)}:${(index & 0xffff).toString(16)} {\n`;
    text += `    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n`;
    text += `    ends ${dhcpdDate(cltt + 600)};\n  }\n}\n`;
    yield text;
  }
}

const conf4 = join(outDir, 'bench.conf');
writeFileSync(
  conf4,
  'authoritative;\nsubnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.255.255.254;\n}\n',
);

async function leaseFile(name, generator, count) {
  const path = join(outDir, `${name}-${count}-${seed}.leases`);
  if (!existsSync(path)) {
    process.stderr.write(`generating ${count} declarations into ${path}...\n`);
    await writeFile(path, generator(count));
  }
  return path;
}

// The same file cut `bytes` short: inside its last lease.
function cutFile(path, bytes) {
  const cut = path.replace(/\.leases$/, `-cut${bytes}.leases`);
  if (!existsSync(cut)) {
    copyFileSync(path, cut);
    const fd = openSync(cut, 'r+');
    ftruncateSync(fd, statSync(path).size - bytes);
    closeSync(fd);
  }
  // Still inside the last lease: no `}` at the start of a line after the cut's last `lease`.
  const fd = openSync(cut, 'r');
  const tail = Buffer.alloc(400);
  const size = statSync(cut).size;
  readSync(fd, tail, 0, 400, size - 400);
  closeSync(fd);
  const text = tail.toString('latin1');
  if (text.slice(text.lastIndexOf('\nlease ')).includes('\n}'))
    throw new Error('cut not inside the last lease');
  return cut;
}

function timeCommand(argv, env = toolEnv) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...argv], {
    encoding: 'latin1',
    maxBuffer: 1 << 30,
    env,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = result.stderr.trim().split('\n');
  const [user, sys, rssKb] = lines[lines.length - 1].split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, status: result.status };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const node = process.execPath;
const shown = (argv) =>
  argv
    .map((word) =>
      word === node ? 'node' : word.startsWith(root) ? relative(root, word) || '.' : word,
    )
    .join(' ');
const leasecheck = (bin, ...rest) => [node, bin, ...rest];
const ours = join(root, 'bin', 'leasecheck.js');
const hasPools = spawnSync('which', ['dhcpd-pools']).status === 0;
const dhcpdPools = (file) => ['dhcpd-pools', '-c', conf4, '-l', file, '-f', 'c'];
const nodeAlone = [node, '-e', '0'];

// One case: the leasecheck command (and --against's), then what it is
// compared with, alternating, `runs` times.
function runCase(name, file, command, comparisons) {
  const commands = [{ label: 'leasecheck', argv: command(ours) }];
  if (against) commands.push({ label: 'other build', argv: command(against) });
  for (const [label, argv] of comparisons) commands.push({ label, argv });
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, at) => results[at].push(timeCommand(c.argv)));
  const mb = file ? statSync(file).size / 1e6 : 0;
  const out = [
    `### ${name}${file ? `: ${relative(root, file)}, ${mb.toFixed(1)} MB` : ''}`,
    '',
    '| command | median wall | best | median CPU | peak RSS | exit | median ratio to leasecheck, per run |',
    '|---|---|---|---|---|---|---|',
  ];
  commands.forEach((c, at) => {
    const list = results[at];
    const ratios = list.map((r, i) => r.wall / results[0][i].wall);
    out.push(
      `| \`${shown(c.argv)}\` | ${median(list.map((r) => r.wall)).toFixed(3)} s | ${Math.min(...list.map((r) => r.wall)).toFixed(3)} s | ${median(list.map((r) => r.cpu)).toFixed(2)} s | ${Math.max(...list.map((r) => r.rssMb)).toFixed(0)} MB | ${[...new Set(list.map((r) => r.status))].join(',')} | ${at === 0 ? '' : `${median(ratios).toFixed(2)}`} |`,
    );
  });
  const lc = median(results[0].map((r) => r.wall));
  out.push('');
  commands.slice(1).forEach((c, at) => {
    const ratio = median(results[0].map((r, i) => r.wall / results[at + 1][i].wall));
    const them = median(results[at + 1].map((r) => r.wall));
    out.push(
      `- leasecheck / ${c.label}: ${ratio.toFixed(2)}x per-run median (${(lc / them).toFixed(2)}x of the medians)`,
    );
  });
  console.log(`${out.join('\n')}\n`);
}

const wanted = (name) => (only ? only.includes(name) : name !== 'huge' || huge);

console.log(
  [
    `date: ${new Date().toISOString()}; cores: ${cpus().length}; node ${process.version}; load ${(
      await import('node:os')
    )
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    `command: npm run bench -- ${args.join(' ')}`.trimEnd(),
    `${runs} alternating runs per case; seed ${seed}; wall time measured around the whole process`,
    setupOnly.length > 0
      ? keepEnv
        ? `environment: kept as is, including ${setupOnly.join(', ')}`
        : `environment: ${setupOnly.join(', ')} left out (--keep-env to measure with it)`
      : 'environment: as is',
    hasPools ? '' : 'dhcpd-pools is not installed: no comparison with it.',
  ].join('\n'),
);

const withPools = (file) => (hasPools ? [['dhcpd-pools', dhcpdPools(file)]] : []);
if (wanted('tiny')) {
  const tiny = join(outDir, 'tiny.leases');
  writeFileSync(
    tiny,
    'lease 10.0.0.1 {\n  starts 6 2026/11/28 12:52:06;\n  binding state active;\n}\n',
  );
  runCase('tiny file', tiny, (bin) => leasecheck(bin, 'check', tiny), [['node -e 0', nodeAlone]]);
}
if (wanted('real')) {
  const real = await leaseFile('real', v4Leases, 12_500);
  runCase('3.7 MB-class file', real, (bin) => leasecheck(bin, 'check', real), [
    ['node -e 0', nodeAlone],
    ...withPools(real),
  ]);
}
if (wanted('real6')) {
  const real6 = await leaseFile('real6', v6Leases, 4_000);
  runCase('its v6 file', real6, (bin) => leasecheck(bin, 'check', real6), [
    ['node -e 0', nodeAlone],
  ]);
}
const clean = ['clean', 'pools', 'cut'].some(wanted)
  ? await leaseFile('clean', v4Leases, cleanLeases)
  : undefined;
if (wanted('clean'))
  runCase('clean file', clean, (bin) => leasecheck(bin, 'check', clean), withPools(clean));
if (wanted('pools'))
  runCase(
    'pools on the clean file',
    clean,
    (bin) => leasecheck(bin, 'pools', clean, '--config', conf4, '--format', 'csv'),
    withPools(clean),
  );
if (wanted('cut')) {
  const cut = cutFile(clean, 40);
  runCase('the clean file cut inside its last lease', cut, (bin) => leasecheck(bin, 'check', cut), [
    ['the clean file', leasecheck(ours, 'check', clean)],
  ]);
}
if (wanted('large')) {
  const large = await leaseFile('clean', v4Leases, 360_000);
  runCase('large file', large, (bin) => leasecheck(bin, 'check', large), withPools(large));
}
if (wanted('huge')) {
  const big = await leaseFile('clean', v4Leases, 3_600_000);
  runCase('huge file', big, (bin) => leasecheck(bin, 'check', big), withPools(big));
}
