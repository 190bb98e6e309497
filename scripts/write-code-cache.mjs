// Writes V8's code cache of the CommonJS bundle of the CLI (see
// bin/cli-loader.js): loads it, runs it on the sample files a start is most
// often for (a check), so that the functions those runs need are compiled,
// and saves the cache, which then holds them too.
//   node scripts/write-code-cache.mjs BUNDLE CACHE FILE...
// Run by scripts/bundle-cli.mjs in a process of its own, with Node's default
// flags (V8 refuses a cache made under other flags), output discarded.
import { rmSync, writeFileSync } from 'node:fs';
import { loadCli } from '../bin/cli-loader.js';

const [bundle, cache, ...files] = process.argv.slice(2);
rmSync(cache, { force: true });
const { cli, script } = loadCli(bundle, cache);
for (const file of files) await cli.runCli(['check', file]);
writeFileSync(cache, script.createCachedData());
process.exitCode = 0;
