#!/usr/bin/env node
// Thin entry point: the compiled CLI lives in dist/ (built by `npm install` via `prepare`).
import { runCli } from '../dist/cli/main.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
