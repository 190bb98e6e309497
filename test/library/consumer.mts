// A program that depends on leasecheck, as the README's "Library" section
// shows it: run by test/library/package.test.ts from a project whose
// node_modules/leasecheck is this package.
import { analyseRepair, checkLeaseFile, LeasecheckError, type CheckReport } from 'leasecheck';

const file = process.argv[2]!;
const report: CheckReport = await checkLeaseFile(file);
console.log(`${file}: ${report.verdict}`);
if (report.verdict === 'truncated-tail') {
  // The fix as a diff; applyPlan(plan) would write it, with a backup.
  const { plan, diff } = await analyseRepair(file, { now: new Date() });
  console.log(plan.action);
  process.stdout.write(diff ?? '');
}
try {
  await checkLeaseFile(`${file}.missing`);
} catch (error) {
  if (!(error instanceof LeasecheckError)) throw error;
  console.log(`exit code ${error.exitCode}: ${error.message}`);
}
