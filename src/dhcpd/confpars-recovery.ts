import { matchRule } from '../grammar/lease-engine.js';
import {
  DhcpdFatal,
  DhcpdParser,
  parseLeaseDeclaration,
  type ParsedLease,
} from './confpars-lease.js';
import { DhcpdLexer, isIdentifier } from './conflex.js';

/**
 * What dhcpd reads after a damaged declaration, and where it is back in step
 * with the grammar. lease_file_subparse (server/confpars.c) reads a token; a
 * word it does not know is "Corrupt lease file - possible data loss!" and
 * skip_to_semi: tokens are skipped up to the next `;` (or past a `}`,
 * counting braces), which can swallow the head of the next declaration and
 * so the whole of it. A parse_*_declaration that gives up skips the same way.
 * The scanner resynchronises on lines instead; this model says which
 * declarations after the damage dhcpd really reads.
 */

/** A lease dhcpd entered while recovering (one the grammar did not read whole). */
export interface RecoveredLease {
  /** Offset of its `lease` keyword in the text. */
  offset: number;
  address: string;
  lease: ParsedLease;
}

export interface Recovery {
  /**
   * Offset in the text where dhcpd is at top level again, at the start of a
   * declaration the grammar reads whole, at or after `from`; the text's
   * length when that does not happen within the text.
   */
  resyncAt: number;
  /**
   * True when that is the first token dhcpd reads at or after `from`: it is
   * back in step exactly where the scanner goes on, having swallowed nothing there.
   */
  inStep: boolean;
  /** Leases dhcpd entered before that point. */
  entered: RecoveredLease[];
  /** parse_warn messages on the way (without line numbers). */
  warnings: string[];
}

/** Top-level keywords other than `lease` (lease_file_subparse). */
const otherDeclarations = new Set([
  'IA_NA',
  'IA_TA',
  'IA_PD',
  'CLASS',
  'SUBCLASS',
  'HOST',
  'GROUP',
  'FAILOVER',
  'SERVER_DUID',
  'AUTHORING_BYTE_ORDER',
]);

/**
 * Runs dhcpd's top level over `text`, which starts at a damaged declaration,
 * until it stands at a declaration the grammar matches, at or after `from`
 * (where the scanner goes on). `now` is dhcpd's clock, in epoch seconds.
 */
export function dhcpdRecovery(text: string, from: number, now: number): Recovery {
  const warnings: string[] = [];
  const entered: RecoveredLease[] = [];
  let base = 0;
  let lx = new DhcpdLexer(text, warnings);
  let parser = new DhcpdParser(lx);
  /** Lexes again from `offset`: after a declaration read whole by the grammar. */
  const restartAt = (offset: number): void => {
    base = offset;
    lx = new DhcpdLexer(text.slice(offset), warnings);
    parser = new DhcpdParser(lx);
  };
  const wholeAt = (offset: number): number => matchRule('Declaration', text, offset);
  /** Where the scanner goes on: the first token at or after `from` (it resumes between tokens). */
  const firstAtOrAfterFrom = from + new DhcpdLexer(text.slice(from)).peek().offset;

  for (;;) {
    const token = lx.peek();
    const at = base + token.offset;
    if (token.kind === 'END_OF_FILE')
      return { resyncAt: text.length, inStep: false, entered, warnings };
    if (at >= from && wholeAt(at) >= 0)
      return { resyncAt: at, inStep: at === firstAtOrAfterFrom, entered, warnings };
    lx.next();
    if (token.kind === 'LEASE') {
      try {
        // Its address as dhcpd reads it (past comments, each number a byte): lease.address.
        const r = parseLeaseDeclaration('', now, lx);
        if (r.lease) {
          entered.push({ offset: at, address: r.lease.address, lease: r.lease });
        } else warnings.push('possibly corrupt lease file');
      } catch (e) {
        // `timestamp`: dhcpd exits; nothing after it matters.
        if (e instanceof DhcpdFatal)
          return { resyncAt: text.length, inStep: false, entered, warnings };
        throw e;
      }
    } else if (otherDeclarations.has(token.kind)) {
      // Read whole by the grammar: dhcpd reads it too. Else its parse function
      // rejects the token after the keyword and skips to the next `;` (the usual
      // shape of parse_failover_state_declaration, parse_server_duid…). A host's
      // name is only peeked at (parse_host_name): without one, the skip starts at
      // that token, so a `{` there opens a block the skip passes whole.
      const end = wholeAt(at);
      if (end >= 0) restartAt(end);
      else {
        if (token.kind !== 'HOST' || isIdentifier(lx.peek().kind)) lx.next();
        parser.skipToSemi();
      }
    } else {
      warnings.push('Corrupt lease file - possible data loss!');
      parser.skipToSemi();
    }
  }
}
