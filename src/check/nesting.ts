/**
 * How deeply `{ }` blocks nest in a declaration, counted without recursion
 * (strings and `#` comments skipped), for declarations nested deeper than
 * the recogniser follows (the grammar's maxDepth keeps its own recursion
 * within the JavaScript stack).
 */

/** Nesting levels the recogniser follows: each level costs it three recursive rules (Block, BlockItem, GenericStatement) of maxDepth 1500. */
export const CHECKED_NESTING = 499;

/**
 * dhcpd has no limit of its own: parse_executable_statements and
 * parse_on_statement recurse until the stack overflows. With the usual
 * 8 MiB stack, dhcpd 4.4.3 -T read 30,000 nested `on expiry { }` blocks and
 * died of SIGSEGV at 45,000 (measured). Beyond this many, leasecheck says
 * dhcpd crashes.
 */
export const DHCPD_CRASH_NESTING = 30_000;

/** The deepest nesting of `{` in `text`. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x23 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 0x7b /* { */) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x7d /* } */) {
      if (--depth === 0) return deepest;
    }
  }
  return deepest;
}
