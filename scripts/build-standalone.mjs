// Builds the standalone executable dist/standalone/leasecheck: the CLI bundled
// into one CommonJS script with ohm-js, package.json and the grammars as
// assets, injected into a copy of this Node.js binary (Node's single-executable
// applications). Run after `npm run build`; `--out FILE` puts it elsewhere.
//   npm run build:standalone [-- --out /usr/local/bin/leasecheck]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'postject';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = resolve(root, 'dist/standalone');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : resolve(work, 'leasecheck');

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

await build({
  entryPoints: [resolve(root, 'dist/cli/standalone.js')],
  outfile: resolve(work, 'leasecheck.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The executable's main script is CommonJS: modules that locate files
  // through import.meta.url get the executable's own path instead.
  define: { 'import.meta.url': '__leasecheckUrl' },
  banner: { js: "const __leasecheckUrl = require('node:url').pathToFileURL(__filename).href;" },
  minifyWhitespace: true,
  logLevel: 'warning',
});

const config = {
  main: resolve(work, 'leasecheck.cjs'),
  output: resolve(work, 'leasecheck.blob'),
  disableExperimentalSEAWarning: true,
  // V8's code cache of the main script: no parse and compile at every start.
  useCodeCache: true,
  assets: Object.fromEntries(
    ['package.json', 'grammar/dhcpd-leases.ohm', 'grammar/dhcpd-conf.ohm'].map((name) => [
      name,
      resolve(root, name),
    ]),
  ),
};
writeFileSync(resolve(work, 'sea-config.json'), JSON.stringify(config, null, 2));
execFileSync(process.execPath, ['--experimental-sea-config', resolve(work, 'sea-config.json')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

mkdirSync(dirname(out), { recursive: true });
copyFileSync(process.execPath, out);
chmodSync(out, 0o755);
await inject(out, 'NODE_SEA_BLOB', readFileSync(config.output), {
  sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
});
console.log(`standalone executable: ${out}`);
