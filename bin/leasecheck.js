#!/usr/bin/env node
// Thin entry point. The CLI is compiled and bundled into dist/ by `npm install` (the
// `prepare` script runs `npm run build`).
import { prestart } from '../dist/bundle/prestart.js';

const argv = process.argv.slice(2);
// A check of a large file starts its worker thread while the CLI loads.
prestart(argv);
const { runCli } = await import('../dist/bundle/leasecheck.js');
process.exitCode = await runCli(argv);
