import type { CodeOf } from '../diagnostic.js';

/** The codes of `check`'s problems (`problems[].code` in `check --json`): add one line per new code. */
export const checkProblemCodes = [
  // The scan: where the file is damaged.
  'truncated-tail',
  'junk-at-tail',
  'syntax-error',
  'unknown-declaration',
  'nesting-too-deep',
  // The file as a whole.
  'empty-beside-backup',
  'hardware-type-only',
  // What dhcpd's own reading says of a declaration (src/dhcpd).
  'dhcpd-refuses',
  'dhcpd-warns',
  'invalid-escape',
  'string-runs-on',
  'group-runs-on',
  'swallowed-by-recovery',
  'token-too-long',
  'whitespace-too-long',
  'unwritable-time',
] as const;

export type CheckProblemCode = CodeOf<typeof checkProblemCodes>;
