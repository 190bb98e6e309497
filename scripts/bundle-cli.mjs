// Bundles the compiled CLI (dist/cli/main.js and everything it imports) into
// dist/bundle/leasecheck.js, what runs before it (dist/bundle/prestart.js),
// and the worker of a parallel check into dist/bundle/check-worker.js, with
// lazily imported features in chunks. Start-up time is a feature: restart scripts
// and ExecStartPre= run leasecheck on every start, and resolving and parsing
// some hundred ES modules cost more than checking a small lease file.
// Ohm stays outside: it is only ever loaded lazily, for error messages.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// The compiled tree: dist/, or the folder given (the tests build into a
// temporary one and rename it into place).
const dist = process.argv[2]
  ? pathToFileURL(`${resolve(process.argv[2])}/`)
  : new URL('../dist/', import.meta.url);

/**
 * Node's built-in modules that only some commands use (worker threads for a
 * large file, sockets for OMAPI, child processes for fuzz and commander's
 * external subcommands, zlib for logs...). Every `require` of one at the top
 * of a bundled module runs at every start, and each loads further internal
 * modules (child_process alone: net, dgram, stream...): the CommonJS bundle
 * requires them through __leasecheckLazy instead, which loads a module when
 * one of its properties is first read. The bundle only ever reads them by
 * property (esbuild's named imports), which the proxy forwards.
 */
const LAZY_BUILTINS = [
  'child_process',
  'crypto',
  'fs/promises',
  'net',
  'os',
  'stream/promises',
  'worker_threads',
  'zlib',
];
// A function declaration, at the bundle's end: hoisted, and the bundle's
// "use strict" stays its first statement.
const lazyBuiltinHelper =
  'function __leasecheckLazy(id) { let m; const load = () => (m ??= require(id)); return new Proxy({}, ' +
  '{ get: (_, key) => load()[key], has: (_, key) => key in load(), ownKeys: () => Reflect.ownKeys(load()), ' +
  'getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; } }); };';
function lazyBuiltins(code) {
  const names = LAZY_BUILTINS.map((name) => name.replace('/', '\\/')).join('|');
  return code.replace(
    new RegExp(`\\brequire\\("(node:(?:${names}))"\\)`, 'g'),
    '__leasecheckLazy("$1")',
  );
}

// Chunk names change with their contents: start from an empty folder.
rmSync(new URL('bundle/', dist), { recursive: true, force: true });

await build({
  entryPoints: {
    leasecheck: new URL('cli/main.js', dist).pathname,
    // Loaded first by bin/leasecheck.js: starts a check's worker thread while the rest loads.
    prestart: new URL('cli/prestart.js', dist).pathname,
    // The worker thread of a parallel check (src/check/parallel.ts finds it here).
    'check-worker': new URL('check/part-worker.js', dist).pathname,
  },
  outdir: new URL('bundle/', dist).pathname,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // Features a check does not need (fuzzing, pair, verify...) are imported
  // lazily and land in chunks of their own, parsed only when used.
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['ohm-js'],
  // commander and diff are CommonJS inside: give the bundle a `require`.
  banner: {
    js: "import { createRequire as __leasecheckRequire } from 'node:module'; const require = __leasecheckRequire(import.meta.url);",
  },
  // Less for V8 to scan at every start (1.3 MB of bundle becomes 0.9 MB);
  // names stay, so profiles and the rare stack trace still read.
  minifyWhitespace: true,
  logLevel: 'warning',
});

// What bin/leasecheck.js runs: the same CLI as one CommonJS script, every
// lazily imported feature inside it, started with V8's code cache of it (see
// bin/cli-loader.js). The ES module bundle above stays for the worker thread
// and for those who import it. Two of them: leasecheck.cjs with every
// command, and check.cjs with the check command alone (the same main, with
// commands/check-only.js for the command table), which bin/leasecheck.js
// starts when the arguments start with `check`: the command run before
// every dhcpd start reads a third less and loads a smaller code cache.
const version = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** Resolves the command table main.js imports to `table` (a file in dist/cli/commands/). */
function commandTable(table) {
  return {
    name: 'command-table',
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\/commands\/index\.js$/ }, (args) =>
        args.importer.endsWith('/cli/main.js')
          ? { path: new URL(`cli/commands/${table}`, dist).pathname }
          : undefined,
      );
    },
  };
}

async function bundleCli(name, table) {
  const cjs = new URL(`bundle/${name}`, dist).pathname;
  const built = await build({
    stdin: {
      contents:
        "export { runCli } from './cli/main.js'; export { exitWhenWritten } from './cli/io.js'; " +
        "export { prestart } from './cli/prestart.js';",
      resolveDir: new URL('.', dist).pathname,
      sourcefile: 'cli-entry.js',
    },
    outfile: cjs,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [commandTable(table)],
    // fast-check stays in node_modules, required only when `fuzz` runs: every
    // other command (and the code cache) is smaller without a test library in it.
    external: ['ohm-js', 'fast-check'],
    define: {
      // cli-loader.js passes the bundle's own URL: the package's files are found from it.
      'import.meta.url': '__leasecheckUrl',
      // --version without reading package.json at every start (src/cli/main.ts).
      __LEASECHECK_VERSION__: JSON.stringify(version),
    },
    // A script run by node:vm cannot import(): lazily loaded features are
    // required instead (they are in the bundle; ohm-js from node_modules).
    supported: { 'dynamic-import': false },
    // The bundle is the function Node wraps a CommonJS module in, as V8 is
    // to compile it: bin/cli-loader.js hands the file to V8 as it reads it.
    banner: {
      js: '(function (exports, require, module, __filename, __dirname, __leasecheckUrl) {',
    },
    footer: { js: `\n${lazyBuiltinHelper}\n})` },
    // Every start reads this file, makes a string of it and reads the code
    // cache made from it: minified, 0.87 MB became 0.64 MB and the cache 643
    // KB 611 KB, and a check of the 3.6 MB bench file took 0.96x the time
    // (alternating whole-process runs, 21 pairs). Names are minified too: a
    // stack trace of an internal error names places in this file, which `npm
    // run build` of the same version makes again. The ES module bundle above,
    // which profiles read, keeps its names.
    minify: true,
    logLevel: 'warning',
  });
  writeFileSync(cjs, lazyBuiltins(built.outputFiles[0].text));
  // The cache holds what a check of a clean file compiles. Samples with a
  // cut lease and v6 leases as well made it 100 KB larger, and every start
  // slower (a check of the tiny sample 1.04x the time, of the 29 MB bench
  // file 1.04x) without making those files' checks any faster (1.00x).
  const sample = fileURLToPath(new URL('../samples/clean-v4.leases', import.meta.url));
  const cached = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('write-code-cache.mjs', import.meta.url)), cjs, `${cjs}.cache`, sample],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (cached.status !== 0)
    throw new Error(`writing the code cache of ${name} failed (${cached.status})`);
}

await bundleCli('leasecheck.cjs', 'index.js');
await bundleCli('check.cjs', 'check-only.js');
