#!/usr/bin/env node
// Thin entry point. The CLI is compiled and bundled into dist/ by `npm install` (the
// `prepare` script runs `npm run build`).
import { runCli } from '../dist/bundle/leasecheck.js';

process.exitCode = await runCli(process.argv.slice(2));
