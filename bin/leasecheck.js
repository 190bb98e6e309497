#!/usr/bin/env node
// Thin entry point. The CLI is compiled and bundled into dist/ by `npm install` (the
// `prepare` script runs `npm run build`), with V8's code cache of it (see cli-loader.js).
// CommonJS (bin/package.json): an ES module entry point would load Node's ES
// module loader first, a few milliseconds of every start.
'use strict';
const { join } = require('node:path');
const { loadCli } = require('./cli-loader.js');

const bundle = join(__dirname, '../dist/bundle/leasecheck.cjs');
const { cli } = loadCli(bundle, `${bundle}.cache`);
const argv = process.argv.slice(2);
// A check of a large file starts its worker thread before the check begins.
cli.prestart(argv);
cli.runCli(argv).then(cli.exitWhenWritten);
