import { spawnSync } from 'node:child_process';
import { LeasecheckError } from '../errors.js';

/**
 * Gives `to` the extended attributes and POSIX ACLs of `from` (mode and
 * owner too, which the caller has set already), so that a repaired or
 * restored file keeps what the original carried: `user.*` attributes, an
 * ACL granting a backup user read access, an SELinux label. Node has no
 * xattr calls; coreutils' `cp --attributes-only` copies them and never the
 * data. Timestamps are not copied: the new file's mtime says when it was
 * written.
 *
 * The SELinux label is asked for only where SELinux is on (cp fails on
 * `context` elsewhere). Failing to copy is an error (exit 8): the caller
 * writes nothing rather than drop an ACL someone relies on.
 */
export function copyAttributes(from: string, to: string): void {
  const preserve = ['mode', 'ownership', 'xattr'];
  if (selinuxEnabled()) preserve.push('context');
  const run = spawnSync(
    'cp',
    ['--attributes-only', '--no-dereference', `--preserve=${preserve.join(',')}`, '--', from, to],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : run.stderr.trim().split('\n')[0];
    throw new LeasecheckError(
      `could not copy the extended attributes and ACLs of ${from} (cp --attributes-only: ${why}); nothing written`,
    );
  }
}

function selinuxEnabled(): boolean {
  try {
    return spawnSync('selinuxenabled', [], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}
