// Bundles the compiled CLI (dist/cli/main.js and everything it imports) into
// dist/bundle/leasecheck.js, what runs before it (dist/bundle/prestart.js),
// and the worker of a parallel check into dist/bundle/check-worker.js, with
// lazily imported features in chunks. Start-up time is a feature: restart scripts
// and ExecStartPre= run leasecheck on every start, and resolving and parsing
// some hundred ES modules cost more than checking a small lease file.
// Ohm stays outside: it is only ever loaded lazily, for error messages.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names change with their contents: start from an empty folder.
rmSync(new URL('../dist/bundle/', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: {
    leasecheck: new URL('../dist/cli/main.js', import.meta.url).pathname,
    // Loaded first by bin/leasecheck.js: starts a check's worker thread while the rest loads.
    prestart: new URL('../dist/cli/prestart.js', import.meta.url).pathname,
    // The worker thread of a parallel check (src/check/parallel.ts finds it here).
    'check-worker': new URL('../dist/check/part-worker.js', import.meta.url).pathname,
  },
  outdir: new URL('../dist/bundle/', import.meta.url).pathname,
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
