/**
 * Quotes a word for a POSIX shell command line: left as it is when it holds
 * only characters no shell treats specially, else in single quotes (safe for
 * any byte but NUL). Used for the commands leasecheck prints (undo, preen
 * advice) and the reader commands `fuzz` runs through /bin/sh.
 */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
