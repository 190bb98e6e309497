import { existsSync } from 'node:fs';
import type { AnalyseDeps } from '../../../src/repair/analyse.js';

/** True once the lead's checker and scanner exist; tests needing them skip with this reason until then. */
export const haveRealCheck = existsSync('src/check/index.ts') && existsSync('src/scan/index.ts');
export const waitingReason =
  'waiting for checkLeaseFile (src/check/index.ts) and scanLeaseFile (src/scan/index.ts)';

/** The production dependencies of `repair`: the real check and scanner. */
export async function realDeps(): Promise<AnalyseDeps> {
  const check = (await import('../../../src/check/index.js' as string)) as {
    checkLeaseFile: AnalyseDeps['check'];
  };
  const keys = (await import('../../../src/repair/keys.js' as string)) as {
    listDeclarations: AnalyseDeps['list'];
  };
  return {
    check: (path, options) => check.checkLeaseFile(path, options),
    list: keys.listDeclarations,
  };
}
