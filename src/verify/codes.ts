import type { ConfigFindingCode } from '../conf/index.js';
import type { CodeOf } from '../diagnostic.js';

/** The codes of `verify`'s findings (`findings[].code` in `verify --json`): add one line per new code. */
export const verifyFindingCodes = [
  'data-loss',
  'duplicate-in-snapshot',
  'count-mismatch',
  'incomplete-snapshot',
  'writer-version',
  'file-not-clean',
  'dhcpd-complaint',
  'ambiguous',
  'no-reference',
  'dynamic-host-counter',
  'class-counter',
  // With --config.
  'config-dropped-at-reference',
  'config-snapshot-no-subnet',
  'config-wrote',
] as const;

/** A verify finding's code: its own, or a configuration finding's code after `config-`. */
export type VerifyFindingCode = CodeOf<typeof verifyFindingCodes> | `config-${ConfigFindingCode}`;
