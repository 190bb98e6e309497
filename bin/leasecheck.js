#!/usr/bin/env node
// Thin entry point. The CLI is compiled and bundled into dist/ by `npm install` (the
// `prepare` script runs `npm run build`), with V8's code cache of it (see cli-loader.js).
// CommonJS (bin/package.json): an ES module entry point would load Node's ES
// module loader first, a few milliseconds of every start.
'use strict';
const { join } = require('node:path');
const { loadCli } = require('./cli-loader.js');

const argv = process.argv.slice(2);
const start = (name) => {
  const bundle = join(__dirname, '../dist/bundle', name);
  return loadCli(bundle, `${bundle}.cache`);
};
/**
 * A check, the command run before every dhcpd start, has a bundle of its own
 * without the other commands (scripts/bundle-cli.mjs); the same program. A
 * build without it (one made before it existed) runs the check from the
 * bundle of every command.
 */
function startCheck() {
  try {
    return start('check.cjs');
  } catch (error) {
    if (error?.code === 'ENOENT' && error.path?.endsWith('check.cjs'))
      return start('leasecheck.cjs');
    throw error;
  }
}
const { cli } = argv[0] === 'check' ? startCheck() : start('leasecheck.cjs');
// A check of a large file starts its worker thread before the check begins.
cli.prestart(argv);
cli.runCli(argv).then(cli.exitWhenWritten);
