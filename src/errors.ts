/**
 * An error the user can act on: it carries a one-line message and the fsck(8)
 * exit code the CLI should end with. Library code throws it; only src/cli
 * prints it and exits.
 */
export class LeasecheckError extends Error {
  constructor(
    message: string,
    /** 8 for operational errors (I/O, refused writes), 16 for usage errors. */
    readonly exitCode: 8 | 16 = 8,
  ) {
    super(message);
    this.name = 'LeasecheckError';
  }
}

/** Turns a Node.js file-system error into a sentence an administrator understands. */
export function describeIoError(error: unknown, path: string): LeasecheckError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new LeasecheckError(`${path}: no such file`);
    case 'EACCES':
    case 'EPERM':
      return new LeasecheckError(`${path}: permission denied`);
    case 'EISDIR':
      return new LeasecheckError(`${path}: is a directory, not a lease file`);
    case 'ENOSPC':
      return new LeasecheckError(`${path}: no space left on device`);
    case 'EROFS':
      return new LeasecheckError(`${path}: read-only file system`);
    default:
      return new LeasecheckError(
        `${path}: ${(error as Error | undefined)?.message ?? String(error)}`,
      );
  }
}
