#!/usr/bin/env node
// npm run bench [-- --leases N] [--runs R] [--seed S] [--keep-env]
//
// Generates, deterministically from a seed, a lease file written the way
// dhcpd writes it (a snapshot of N leases, then appended renewals), with a
// dhcpd.conf whose range covers it; then times `leasecheck check`, `leasecheck
// pools` on the same file and dhcpd.conf, and, when
// installed, `dhcpd-pools` on it, alternating, and prints median wall time,
// MB/s, peak RSS and the ratio. Also the start-up cost on a tiny file.
//
// NODE_EXTRA_CA_CERTS is left out of the tools' environment (unless
// --keep-env): with it, every Node process parses the whole CA bundle
// before running a line of JavaScript, which measures the machine's
// certificate setup, not leasecheck. The report says when it was set, and
// what it cost `node -e 0`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const leases = option('leases', 300_000);
const runs = option('runs', 5);
const seed = option('seed', 42);
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

async function generate(path, count) {
  const rand = random(seed);
  const out = createWriteStream(path, { encoding: 'latin1' });
  const write = (text) =>
    out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve));
  await write(
    '# The format of this file is documented in the dhcpd.leases(5) manual page.\n' +
      '# This lease file was written by isc-dhcp-4.4.3-P1\n\n' +
      '# authoring-byte-order entry is generated, DO NOT DELETE\nauthoring-byte-order little-endian;\n\n' +
      'server-duid "\\000\\001\\000\\0012\\235\\212\\362\\216\\0270\\355\\360\\255";\n\n',
  );
  const base = 1_900_000_000; // 2030: well clear of now, so nothing expires.
  const addresses = Math.ceil(count * 0.8);
  for (let i = 0; i < count; i++) {
    // 80% snapshot, then 20% appended renewals of earlier addresses.
    const index = i < addresses ? i : Math.floor(rand() * addresses);
    const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    const starts = base + Math.floor(rand() * 86_400);
    const state = rand() < 0.7 ? 'active' : rand() < 0.5 ? 'free' : 'backup';
    const mac = [
      0,
      12,
      (index >> 16) & 255,
      (index >> 8) & 255,
      index & 255,
      Math.floor(rand() * 256),
    ]
      .map(hex)
      .join(':');
    let text = `lease ${ip} {\n  starts ${dhcpdDate(starts)};\n  ends ${dhcpdDate(starts + 600)};\n`;
    text += `  tstp ${dhcpdDate(starts + 600)};\n  cltt ${dhcpdDate(starts)};\n`;
    text += `  binding state ${state};\n  next binding state free;\n  rewind binding state free;\n`;
    if (state !== 'backup') {
      text += `  hardware ethernet ${mac};\n  uid "\\001\\000\\014\\001\\002\\003-";\n`;
      if (rand() < 0.3) text += `  client-hostname "host-${index}";\n`;
    }
    text += '}\n';
    await write(text);
  }
  await new Promise((resolve) => out.end(resolve));
}

function timeCommand(command, commandArgs, env = toolEnv) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...commandArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env,
  });
  const lines = result.stderr.trim().split('\n');
  const [wall, rssKb] = lines[lines.length - 1].split(' ').map(Number);
  return { wall, rssMb: rssKb / 1024, status: result.status };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const file = join(outDir, `bench-${leases}-${seed}.leases`);
const conf = join(outDir, `bench-${leases}-${seed}.conf`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${leases} leases into ${file}...\n`);
  await generate(file, leases);
}
writeFileSync(
  conf,
  'authoritative;\nsubnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.255.255.254;\n}\n',
);
const bytes = statSync(file).size;
const mb = bytes / 1e6;
const hasPools = spawnSync('which', ['dhcpd-pools']).status === 0;
const leasecheck = [join(root, 'bin', 'leasecheck.js'), 'check', file, '--json'];

// `leasecheck pools` on the same file and dhcpd.conf as dhcpd-pools, side by side.
const leasecheckPools = [
  join(root, 'bin', 'leasecheck.js'),
  'pools',
  file,
  '--config',
  conf,
  '--format',
  'csv',
];

const results = { leasecheck: [], lcPools: [], pools: [] };
for (let i = 0; i < runs; i++) {
  results.leasecheck.push(timeCommand(process.execPath, leasecheck));
  results.lcPools.push(timeCommand(process.execPath, leasecheckPools));
  if (hasPools) results.pools.push(timeCommand('dhcpd-pools', ['-c', conf, '-l', file, '-f', 'c']));
}
const tiny = join(outDir, 'tiny.leases');
writeFileSync(
  tiny,
  'lease 10.0.0.1 {\n  starts 6 2026/11/28 12:52:06;\n  binding state active;\n}\n',
);
const tinyRuns = Array.from({ length: 7 }, () =>
  timeCommand(process.execPath, [join(root, 'bin', 'leasecheck.js'), 'check', tiny]),
);
// What Node itself costs to start, the floor under the tiny file's time.
const nodeRuns = Array.from({ length: 7 }, () => timeCommand(process.execPath, ['-e', '0']));
const nodeRunsWithSetup =
  setupOnly.length > 0 && !keepEnv
    ? Array.from({ length: 7 }, () => timeCommand(process.execPath, ['-e', '0'], process.env))
    : [];

const row = (name, list) => {
  const wall = median(list.map((r) => r.wall));
  // The best run too: on a shared machine the same run's time varies widely.
  const best = Math.min(...list.map((r) => r.wall));
  const rss = Math.max(...list.map((r) => r.rssMb));
  return { name, wall, best, mbps: mb / wall, rss };
};
const lc = row('leasecheck check', results.leasecheck);
const lp = row('leasecheck pools', results.lcPools);
const lines = [
  `date: ${new Date().toISOString()}; cores: ${cpus().length}; node ${process.version}`,
  `file: ${leases} leases, ${mb.toFixed(1)} MB (seed ${seed}); ${runs} alternating runs; exit status of leasecheck: ${results.leasecheck[0].status}`,
  ...(nodeRunsWithSetup.length > 0
    ? [
        `environment: ${setupOnly.join(', ')} left out (with it, \`node -e 0\` takes ${(median(nodeRunsWithSetup.map((r) => r.wall)) * 1000).toFixed(0)} ms; --keep-env to measure with it)`,
      ]
    : keepEnv && setupOnly.length > 0
      ? [`environment: kept as is, including ${setupOnly.join(', ')}`]
      : []),
  '',
  '| tool | median wall | throughput | best wall | peak RSS |',
  '|---|---|---|---|---|',
  `| leasecheck check (full grammar) | ${lc.wall.toFixed(2)} s | ${lc.mbps.toFixed(0)} MB/s | ${lc.best.toFixed(2)} s | ${lc.rss.toFixed(0)} MB |`,
  `| leasecheck pools --format csv (full grammar, same counts as dhcpd-pools) | ${lp.wall.toFixed(2)} s | ${lp.mbps.toFixed(0)} MB/s | ${lp.best.toFixed(2)} s | ${lp.rss.toFixed(0)} MB |`,
];
if (hasPools) {
  const dp = row('dhcpd-pools', results.pools);
  lines.push(
    `| dhcpd-pools (counts, validates nothing) | ${dp.wall.toFixed(2)} s | ${dp.mbps.toFixed(0)} MB/s | ${dp.best.toFixed(2)} s | ${dp.rss.toFixed(0)} MB |`,
  );
  lines.push('', `leasecheck / dhcpd-pools throughput: ${(lc.mbps / dp.mbps).toFixed(2)}x`);
  lines.push(`leasecheck pools / dhcpd-pools throughput: ${(lp.mbps / dp.mbps).toFixed(2)}x`);
} else {
  lines.push('', 'dhcpd-pools is not installed: no comparison.');
}
lines.push(
  `tiny file, start-up included: median ${(median(tinyRuns.map((r) => r.wall)) * 1000).toFixed(0)} ms (\`node -e 0\` alone: median ${(median(nodeRuns.map((r) => r.wall)) * 1000).toFixed(0)} ms)`,
);
console.log(lines.join('\n'));
