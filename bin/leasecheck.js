#!/usr/bin/env node
// Thin entry point. The CLI is compiled and bundled into dist/ by `npm install` (the
// `prepare` script runs `npm run build`), with V8's code cache of it (see cli-loader.js).
import { fileURLToPath } from 'node:url';
import { loadCli } from './cli-loader.js';

const bundle = fileURLToPath(new URL('../dist/bundle/leasecheck.cjs', import.meta.url));
const { cli } = loadCli(bundle, `${bundle}.cache`);
const argv = process.argv.slice(2);
// A check of a large file starts its worker thread before the check begins.
cli.prestart(argv);
process.exitCode = await cli.runCli(argv);
