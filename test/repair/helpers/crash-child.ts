/**
 * Run by the crash-safety test in a child process (vite-node): analyses FILE
 * and writes the repair, dying with SIGKILL at the step named on the command line.
 * argv: FILE STEP before|after auto|copy
 */
import { analyseRepair } from '../../../src/repair/analyse.js';
import type { Step } from '../../../src/repair/fs-ops.js';
import { applyPlan } from '../../../src/repair/write.js';
import { fakeDeps } from './fake-check.js';
import { faultyFs } from './failing-fs.js';

const [file, step, when, method] = process.argv.slice(2) as [
  string,
  Step,
  'before' | 'after',
  'auto' | 'copy',
];
const { plan } = await analyseRepair(file, { now: new Date('2026-11-28T13:00:00Z') }, fakeDeps);
applyPlan(plan, { pidFiles: [], backupMethod: method, fs: faultyFs({ step, when, how: 'kill' }) });
process.stdout.write('finished without reaching the step\n');
