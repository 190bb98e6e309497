import { checkLeaseFile } from '../check/index.js';
import type { VerdictOf } from './types.js';

/** leasecheck's own side of a fuzz run: what `check` says of the file, as the CLI would exit on it. */
export const checkVerdict: VerdictOf = async (path) => {
  const report = await checkLeaseFile(path, {});
  return {
    verdict: report.verdict,
    warnings: report.problems.filter((p) => p.severity === 'warning').length,
  };
};
