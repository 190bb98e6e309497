#!/usr/bin/env node
// Thin entry point. The CLI is compiled and bundled into dist/ by `npm install` (the
// `prepare` script runs `npm run build`), with V8's code cache of it (see cli-loader.js).
// CommonJS (bin/package.json): an ES module entry point would load Node's ES
// module loader first, a few milliseconds of every start.
'use strict';
const { join } = require('node:path');
const { loadCli } = require('./cli-loader.js');

const argv = process.argv.slice(2);
// A check, the command run before every dhcpd start, has a bundle of its own
// without the other commands (scripts/bundle-cli.mjs); the same program.
const name = argv[0] === 'check' ? 'check.cjs' : 'leasecheck.cjs';
const bundle = join(__dirname, '../dist/bundle', name);
const { cli } = loadCli(bundle, `${bundle}.cache`);
// A check of a large file starts its worker thread before the check begins.
cli.prestart(argv);
cli.runCli(argv).then(cli.exitWhenWritten);
