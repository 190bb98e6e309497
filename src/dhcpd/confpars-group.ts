import { DhcpdLexer, isIdentifier, type TokenKind } from './conflex.js';
import { DhcpdParser } from './confpars-lease.js';

/**
 * A model of server/confpars.c parse_group_declaration over one `group`
 * declaration as the grammar matched it, for what its reading of the flags
 * does. After `dynamic;`, `static;` or `deleted;` the loop does not go round
 * again: it hands the next token to parse_statement. parse_statement takes
 * none of those flags, nor `}`: it warns "expecting a parameter or
 * declaration" (naming the token before) and skips to the next `;`, or past
 * the next `}`. So a flag after a flag is ignored, and a flag right before the
 * group's `}` makes that skip eat the `}`: the group never ends, and every
 * declaration after it is read as one of its statements.
 *
 * Both shapes come from server/db.c write_group. A group removed over OMAPI
 * is written as `dynamic;` then `deleted;` (test/omapi/group-remove.test.ts).
 * A dynamic group with no statements is written `group NAME {\n  dynamic;\n}`:
 * OMAPI refuses to create one, but dhcpd keeps one when it ignores the
 * `deleted;` of a group it has not seen declared before, and writes it so.
 */

export type GroupFlag = 'dynamic' | 'static' | 'deleted';

const flagOf: ReadonlyMap<TokenKind, GroupFlag> = new Map([
  ['DYNAMIC', 'dynamic'],
  ['STATIC', 'static'],
  ['TOKEN_DELETED', 'deleted'],
]);

export interface IgnoredFlag {
  flag: GroupFlag;
  /** Offset of the flag's word. */
  offset: number;
  /** Offset of the token dhcpd's warning names (the `;` before the flag). */
  warnedAt: number;
}

export interface GroupReading {
  /** The group's name as dhcpd reads it (null: none), and whether its `{` was read (the group is entered). */
  name: string | null;
  opened: boolean;
  /** The flags the loop read (and so applies). */
  flags: Set<GroupFlag>;
  /** Flags parse_statement was handed, warned about and skipped. */
  ignored: IgnoredFlag[];
  /** Whole statements other than flags (each assumed taken by parse_statement). */
  statements: number;
  /**
   * The group's `}` came right after a flag it read: parse_statement's skip ate
   * it, and the group goes on into what follows. `warnedAt`: the token dhcpd's
   * warning names (the flag's `;`).
   */
  runsOn: { after: GroupFlag; warnedAt: number; closeAt: number } | null;
}

/**
 * Reads `text` (from the word `group` to the group's `}`, or to the end of a
 * cut one) as parse_group_declaration does.
 */
export function readGroupDeclaration(text: string): GroupReading {
  const lx = new DhcpdLexer(text);
  const p = new DhcpdParser(lx);
  const reading: GroupReading = {
    name: null,
    opened: false,
    flags: new Set(),
    ignored: [],
    statements: 0,
    runsOn: null,
  };
  lx.next(); // `group`
  const name = lx.peek();
  if (isIdentifier(name.kind) || name.kind === 'STRING') reading.name = lx.next().value;
  if (lx.next().kind !== '{') return reading;
  reading.opened = true;
  for (;;) {
    const t = lx.peek();
    if (t.kind === '}' || t.kind === 'END_OF_FILE') return reading;
    const flag = flagOf.get(t.kind);
    if (flag !== undefined) {
      lx.next();
      p.semi();
      reading.flags.add(flag);
    }
    // parse_statement, handed whatever comes next.
    const next = lx.peek();
    const handed = flagOf.get(next.kind);
    if (handed !== undefined) {
      reading.ignored.push({ flag: handed, offset: next.offset, warnedAt: warnNotAStatement(lx) });
      p.skipToSemi();
    } else if (next.kind === '}') {
      // Only reached after a flag: a `}` in the loop's own hands ends the group.
      reading.runsOn = { after: flag!, warnedAt: warnNotAStatement(lx), closeAt: next.offset };
      return reading;
    } else if (next.kind === 'END_OF_FILE') {
      return reading;
    } else if (skipStatement(lx)) {
      reading.statements++;
    }
  }
}

/**
 * Whether the group dhcpd enters from `reading` is one it writes back
 * (write_group) as `group NAME {` `dynamic;` `}`, the group that never ends
 * when read: dynamic, not deleted, without statements. Not when it replaces
 * a group of the same name (supersede_group then keeps neither): `replaces`.
 */
export function writtenBackRunningOn(reading: GroupReading, replaces = false): boolean {
  return (
    !replaces &&
    reading.flags.has('dynamic') &&
    !reading.flags.has('deleted') &&
    reading.statements === 0
  );
}

/** What a group written back so costs (writtenBackRunningOn), in the words of check's messages. */
export function runOnSnapshot(name: string): string {
  return `the snapshot it writes at start-up holds it as \`group ${name} {\` \`dynamic;\` \`}\`, before every lease; read back, that group never ends: the start after this one loses every lease and failover state`;
}

/**
 * A statement parse_statement takes, skipped whole: true when it ends (its
 * `;`, or the `}` of its block), false when the text ends first (a cut
 * statement, which dhcpd does not keep).
 */
function skipStatement(lx: DhcpdLexer): boolean {
  let depth = 0;
  for (;;) {
    const t = lx.next();
    if (t.kind === 'END_OF_FILE') return false;
    if (t.kind === '{') depth++;
    else if (t.kind === '}' && depth > 0) {
      if (--depth === 0) return true;
    } else if (t.kind === ';' && depth === 0) return true;
  }
}

/** parse_statement's warning for a token it does not take; returns the offset it names (the token before). */
function warnNotAStatement(lx: DhcpdLexer): number {
  const at = lx.located.length;
  lx.warn('expecting a parameter or declaration');
  return lx.located[at]!.offset;
}
