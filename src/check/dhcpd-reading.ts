import { DhcpdFatal, DhcpdLexer, TOKBUF, UNKNOWN_BYTE } from '../dhcpd/conflex.js';
import {
  DhcpdParser,
  parseLeaseDeclaration,
  type LeaseParseResult,
} from '../dhcpd/confpars-lease.js';
import {
  V6Bindings,
  type IaKind,
  type IaReading,
  type V6PoolLookup,
} from '../dhcpd/confpars-ia.js';
import {
  readGroupDeclaration,
  runOnSnapshot,
  writtenBackRunningOn,
  type GroupFlag,
} from '../dhcpd/confpars-group.js';
import { ipv4Number } from '../model/ipv4.js';
import type { Declaration } from '../model/types.js';
import type { ScanFailure } from '../scan/index.js';
import { CHECKED_NESTING, DHCPD_CRASH_NESTING, nestingDepth } from './nesting.js';
import type { Problem } from './types.js';

/**
 * What dhcpd's own reading finds in declarations the grammar accepts (see
 * Declaration.source): its token buffer's limits and escapes (conflex.c),
 * the checks of parse_ia_*_declaration after the syntax, and the
 * declaration its recovery then swallows. Fed the declarations in file order.
 */
export class DhcpdReading {
  /** Problems found, in file order. */
  readonly problems: Problem[] = [];
  /** dhcpd's recovery is skipping through what follows, with this many `{` open (null: not skipping). */
  private skipping: { braces: number; from: number } | null = null;
  /**
   * A string ran on past its closing quote at this line: dhcpd's lexer reads
   * the rest of the file with its quotes paired the other way, string
   * contents as tokens and everything between them as strings, so no
   * declaration after it loads (seen: "Wrote 0 leases"; it would resynchronise
   * only at a `;` or `}` inside a later string, which dhcpd never writes).
   */
  private runOn: { from: number; problem: Problem | null; lost: number } | null = null;
  /**
   * A group dhcpd reads without its end (confpars-group.ts): every
   * declaration after it is read as one of its statements. Hosts, classes,
   * subclasses and groups are statements there; leases, IAs and failover
   * states are not, and are lost.
   */
  private groupRunOn: { problem: Problem; name: string; after: GroupFlag; lost: number } | null =
    null;
  /** The names of the lease file's groups dhcpd holds so far (its group_name_hash). */
  private readonly groups = new Set<string>();
  readonly v6: V6Bindings;
  /**
   * dhcpd loses what comes next (a string ran on, or its recovery is
   * skipping): the leases a summary scan hands over without their text must
   * come to readLease. A field, not a getter: it is read for every lease.
   */
  losing = false;
  /** Problems put on a lease known only by its offset: placeLost gives them their line. */
  private readonly unplaced: Problem[] = [];

  constructor(
    pools6?: V6PoolLookup,
    private readonly now: Date = new Date(),
    /** The family dhcpd runs in, when known (--config): null reads IAs as dhcpd -6 does. */
    private readonly family: 4 | 6 | null = null,
  ) {
    this.v6 = new V6Bindings(pools6);
  }

  /**
   * Reads one declaration as dhcpd would. Returns false when dhcpd does not
   * load it (swallowed by an earlier recovery, or refused): it is then
   * neither counted nor kept.
   */
  read(d: Declaration): boolean {
    if (this.losing) {
      if (this.groupRunOn && readInsideGroup.has(d.kind)) return true;
      this.lose(d);
      return false;
    }
    if (d.source === undefined) return true;
    if (d.kind === 'ia-na' || d.kind === 'ia-ta' || d.kind === 'ia-pd')
      return this.family === 4 ? this.iaInV4(d, d.kind) : this.readIa(d, d.kind);
    if (!this.readTokens(d)) return false;
    if (d.kind === 'group') this.readGroup(d);
    return true;
  }

  /**
   * A group's flags as parse_group_declaration reads them (confpars-group.ts):
   * a flag it ignores, a group that never ends, or one it keeps empty and
   * dynamic, which it writes back as a group that never ends.
   */
  private readGroup(d: Declaration): void {
    const headAt = d.offset - d.sourceOffset!;
    const reading = readGroupDeclaration(d.source!.slice(headAt));
    const name = d.key ?? '';
    const at = (offset: number): number => this.lineAt(d, d.offset + offset);
    if (reading.runsOn !== null) {
      const { after, warnedAt } = reading.runsOn;
      this.add(d, d.offset + warnedAt, at(warnedAt), 'error', 'group-runs-on', '');
      this.groupRunOn = { problem: this.problems.at(-1)!, name, after, lost: 0 };
      this.groupRunOn.problem.message = groupRunsOnMessage(this.groupRunOn);
      this.losing = true;
      return;
    }
    const held = this.groups.has(name);
    const deleted = reading.flags.has('deleted');
    // supersede_group: a group of a name dhcpd holds replaces it and is not kept either.
    if (deleted || held) this.groups.delete(name);
    else this.groups.add(name);
    const keptEmpty = writtenBackRunningOn(reading, held);
    for (const ignored of reading.ignored) {
      const offset = d.offset + ignored.warnedAt;
      const warns = `dhcpd warns "expecting a parameter or declaration" and ignores the \`${ignored.flag};\` after it: after a flag, parse_group_declaration hands the next statement to its statement parser, which does not take flags`;
      if (keptEmpty && ignored.flag === 'deleted') {
        this.add(
          d,
          offset,
          at(ignored.warnedAt),
          'error',
          'group-runs-on',
          `${warns}. So group ${name} is not deleted: dhcpd keeps it, empty, and ${runOnSnapshot(name)}`,
        );
      } else {
        this.add(
          d,
          offset,
          at(ignored.warnedAt),
          'warning',
          'dhcpd-warns',
          ignored.flag === 'deleted' && held
            ? `${warns}; the group goes all the same, as a group declared again does: dhcpd drops both`
            : warns,
        );
      }
    }
  }

  /**
   * A lease a summary scan handed over by its offset only, while dhcpd loses
   * what follows (see losing): false when dhcpd does not load it. Its problem,
   * if it gets one, has its line and length filled in by placeLost.
   */
  readLease(offset: number): boolean {
    if (!this.losing) return true;
    const before = this.problems.length;
    this.lose({ kind: 'lease', offset, length: 0, line: 0 });
    if (this.problems.length > before) this.unplaced.push(this.problems.at(-1)!);
    return false;
  }

  /**
   * Gives the problems on leases known by offset only their line (`lineOf`,
   * asked in increasing order) and their declaration's length (`lengthAt`).
   */
  placeLost(
    lineOf: (offset: number) => number,
    lengthAt: (offset: number, line: number) => number,
  ): void {
    for (const p of this.unplaced.splice(0)) {
      p.line = lineOf(p.offset);
      if (p.declaration) {
        p.declaration.line = p.line;
        p.declaration.length = lengthAt(p.offset, p.line);
      }
    }
  }

  /** dhcpd loses this declaration: the string run on before it, or its recovery swallows it. */
  private lose(d: Pick<Declaration, 'kind' | 'offset' | 'length' | 'line'>): void {
    if (this.groupRunOn) {
      this.groupRunOn.lost++;
      this.groupRunOn.problem.message = groupRunsOnMessage(this.groupRunOn);
      return;
    }
    if (this.runOn) {
      const r = this.runOn;
      r.lost++;
      if (r.problem === null) {
        this.add(d, d.offset, d.line, 'warning', 'swallowed-by-recovery', '');
        r.problem = this.problems.at(-1)!;
      }
      r.problem.message = `dhcpd loads neither this ${r.problem.declaration?.kind ?? d.kind} declaration nor any after it (${r.lost} in all): the string that runs on at line ${r.from} leaves its lexer reading the rest of the file with the quotes paired the other way`;
      return;
    }
    if (this.skipping) {
      const from = this.skipping.from;
      // A declaration the grammar accepts has balanced braces: with none open, the skip ends at its end.
      if (this.skipping.braces === 0) this.skipping = null;
      this.losing = this.skipping !== null;
      this.add(
        d,
        d.offset,
        d.line,
        'warning',
        'swallowed-by-recovery',
        `dhcpd does not load this ${d.kind} declaration: its recovery from the problem at line ${from} skips to the next ";" or past the next "}", and that is the end of this declaration`,
      );
    }
  }

  /**
   * A declaration nested deeper than the recogniser follows, but not so deep
   * that dhcpd crashes: dhcpd loads it; leasecheck says it could not check
   * it (a warning, not damage). False for deeper ones, which stay errors.
   */
  deepButLoaded(f: ScanFailure): boolean {
    const depth = nestingDepth(f.text);
    if (depth >= DHCPD_CRASH_NESTING) return false;
    this.problems.push({
      code: 'nesting-too-deep',
      severity: 'warning',
      line: f.failureLine,
      column: f.failureColumn,
      offset: f.failureOffset,
      message: `blocks nested ${depth} levels deep: dhcpd reads them (it has no limit short of its stack, about ${DHCPD_CRASH_NESTING.toLocaleString('en')} levels), but leasecheck checks only ${CHECKED_NESTING} levels, so this ${f.kind ?? 'declaration'} is neither checked nor counted`,
      declaration: { offset: f.offset, length: f.length, line: f.line, kind: f.kind },
    });
    return true;
  }

  private lineAt(d: Declaration, offset: number): number {
    const source = d.source ?? '';
    const start = d.offset - (d.sourceOffset ?? d.offset);
    const at = offset - (d.sourceOffset ?? d.offset);
    if (at >= start) return d.line + count(source, start, at);
    return d.line - count(source, at, start);
  }

  private add(
    d: Pick<Declaration, 'kind' | 'offset' | 'length' | 'line'>,
    offset: number,
    line: number,
    severity: Problem['severity'],
    code: Problem['code'],
    message: string,
  ): void {
    this.problems.push({
      code,
      severity,
      line,
      column: 1,
      offset,
      message,
      declaration: { offset: d.offset, length: d.length, line: d.line, kind: d.kind },
    });
  }

  /**
   * dhcpd -4 reading an IA (parse_ia_na/ta/pd_declaration when local_family
   * is not AF_INET6): it warns "IA_NA is only supported in DHCPv6 mode." on
   * the keyword's line and skips the declaration whole (skip_to_semi stops
   * past its balanced last `}`), entering nothing and losing nothing else.
   */
  private iaInV4(d: Declaration, kind: IaKind): boolean {
    const warning = `${kind.replace('-', '_').toUpperCase()} is only supported in DHCPv6 mode.`;
    this.add(
      d,
      d.offset,
      d.line,
      'warning',
      'dhcpd-warns',
      `dhcpd -4 warns "${warning}" and skips this ${kind} whole: a v4 server keeps no IA (only dhcpd -6 reads it)`,
    );
    this.lexerProblems(d, d.source!);
    return false;
  }

  private readIa(d: Declaration, kind: IaKind): boolean {
    const source = d.source!;
    const headAt = d.offset - d.sourceOffset!;
    let r: IaReading;
    try {
      r = this.v6.read(kind, source.slice(headAt));
    } catch (e) {
      // 1,500 white space characters in a row inside the IA: dhcpd exits there, which
      // lexerProblems reports as for any other declaration; the IA is not loaded.
      if (!(e instanceof DhcpdFatal)) throw e;
      this.lexerProblems(d, source);
      return false;
    }
    this.lexerProblems(d, source);
    const base = d.offset;
    for (const w of r.warnings) {
      // The lexer's own complaints are reported by lexerProblems.
      if (
        /^(eof in string|invalid (octal|hex) digit|whitespace too long)|larger than internal buffer/.test(
          w.message,
        )
      )
        continue;
      const refusing =
        r.refused && w === r.warnings.filter((x) => x.message.startsWith('corrupt')).at(-1);
      this.add(
        d,
        base + w.offset,
        this.lineAt(d, base + w.offset),
        refusing ? 'error' : 'warning',
        refusing ? 'dhcpd-refuses' : 'dhcpd-warns',
        refusing
          ? `dhcpd refuses this ${kind} ("${w.message}"): ${r.reason}. It does not enter the IA${r.corruptLogs > 0 ? ` and logs "Corrupt lease file - possible data loss!"${r.corruptLogs > 1 ? ` ${r.corruptLogs} times` : ''}` : ''}${r.skipping !== null ? '; its recovery swallows the next declaration' : ''}`
          : `dhcpd warns "${w.message}"`,
      );
    }
    const unwritable = r.unwritableTime;
    if (unwritable !== null) {
      const offset = base + unwritable.offset;
      this.add(
        d,
        offset,
        this.lineAt(d, offset),
        'error',
        'unwritable-time',
        `dhcpd -6 reads this ${kind}'s ${unwritable.field} as a time before 1970 (${unwritable.time} s), which it cannot write back: every rewrite of the lease file fails at this ${kind} ("write_ia: unable to write ia"), so dhcpd -T ends without "Lease file test successful", and a running dhcpd writes the leases it grants to the deleted file of its failed rewrite: none reaches the lease file, and a restart forgets them`,
      );
    }
    if (r.skipping !== null) {
      this.skipping = { braces: r.skipping, from: d.line };
      this.losing = true;
    }
    return !r.refused;
  }

  /** The lexer's own complaints (conflex.c), and for a lease what dhcpd then loads. */
  private readTokens(d: Declaration): boolean {
    const source = d.source!;
    const found = this.lexerProblems(d, source);
    if (found.fatal || found.runsOn) return false;
    if (d.kind !== 'lease') return true;
    this.readAddress(d, source);
    // One reading of the lease as parse_lease_declaration reads it serves its times and its escapes.
    const after = source.slice(d.offset - d.sourceOffset! + 'lease'.length);
    const parsed = parseLeaseDeclaration(after, Math.floor(this.now.getTime() / 1000));
    this.readTimes(d, source, parsed);
    this.readHardware(d, source, parsed);
    if (found.escapes.length + found.overlong.length === 0) return true;
    const loaded = parsed.result === 'entered';
    for (const p of [...found.escapes, ...found.overlong]) {
      if (!loaded) {
        p.severity = 'error';
        p.message += `; dhcpd then gives up on this lease ("${parsed.reason ?? 'possibly corrupt lease file'}")`;
      } else if (found.escapes.includes(p) && parsed.lease?.uid != null) {
        p.message += `; dhcpd loads the lease with uid "${printable(parsed.lease.uid)}"`;
      }
    }
    return loaded;
  }

  /**
   * A lease address with an octet above 255 (the grammar takes three digits an
   * octet): parse_numeric_aggregate's convert_num warns "N exceeds max (255)
   * for precision." and keeps the octet's low 8 bits, so dhcpd enters the lease
   * under another address, and writes it back so. The declaration is re-keyed
   * to that address: it is counted, and replaces a lease, where dhcpd's does.
   */
  private readAddress(d: Declaration, source: string): void {
    if (d.key === null) return;
    const reading = leaseAddressAsRead(d.key);
    if (reading === null) return;
    const read = reading.address;
    const offset = d.sourceOffset! + source.indexOf(d.key, d.offset - d.sourceOffset!);
    const warnings = reading.warnings.map((w) => `"${w}"`).join(', ');
    this.add(
      d,
      offset,
      this.lineAt(d, offset),
      'warning',
      'dhcpd-warns',
      `dhcpd reads the lease address ${d.key} as ${read} (it warns ${warnings}): it keeps this lease as ${read}, in place of any earlier lease of ${read}, and writes it back so`,
    );
    d.key = read;
  }

  /**
   * A lease time dhcpd reads as before 1970 (a year of 1970 or before, or a time
   * zone offset that takes it there): print_time refuses a negative time, so
   * write_lease fails at this lease ("write_lease: unable to write lease A") and
   * every rewrite of the lease file with it. dhcpd -T ends without "Lease file
   * test successful". A running dhcpd goes on serving, but new_lease_file has
   * left its db_file on the temporary file it unlinked on failing: every lease
   * it grants is written there, and never reaches the lease file.
   */
  private readTimes(d: Declaration, source: string, parsed: LeaseParseResult): void {
    const headAt = d.offset - d.sourceOffset!;
    const lease = parsed.lease;
    if (parsed.result !== 'entered' || lease === null) return;
    for (const field of ['starts', 'ends', 'tstp', 'tsfp', 'atsfp', 'cltt'] as const) {
      const time = lease[field];
      if (!(time < 0)) continue;
      const at = source.lastIndexOf(`${field} `);
      const offset = d.sourceOffset! + (at > headAt ? at : headAt);
      const address = d.key ?? 'of this lease';
      this.add(
        d,
        offset,
        this.lineAt(d, offset),
        'error',
        'unwritable-time',
        `dhcpd reads this lease's ${field} as a time before 1970 (${time} s), which it cannot write back: every rewrite of the lease file fails at this lease ("write_lease: unable to write lease ${address}"), so dhcpd -T ends without "Lease file test successful", and a running dhcpd serves clients but writes the leases it grants to the deleted file of its failed rewrite: none reaches the lease file, and a restart forgets them`,
      );
      return;
    }
  }

  /**
   * A hardware address of more than 20 octets: parse_hardware_param keeps at
   * most 20 (struct hardware's hbuf holds the type and 20 bytes). With more, it
   * warns "hardware address too long" and leaves the lease without a hardware
   * address: dhcpd loads the lease, writes it back without its `hardware`
   * line, and a client that sends no client identifier no longer finds it.
   */
  private readHardware(d: Declaration, source: string, parsed: LeaseParseResult): void {
    if (parsed.result !== 'entered' || !parsed.warnings.includes('hardware address too long'))
      return;
    const headAt = d.offset - d.sourceOffset!;
    const statement = /\bhardware\s[^;]*;/g;
    statement.lastIndex = headAt;
    let at = headAt;
    for (let m = statement.exec(source); m !== null; m = statement.exec(source)) {
      if ((m[0].match(/:/g)?.length ?? 0) >= 20) {
        at = m.index;
        break;
      }
    }
    const offset = d.sourceOffset! + at;
    this.add(
      d,
      offset,
      this.lineAt(d, offset),
      'warning',
      'dhcpd-warns',
      `dhcpd warns "hardware address too long" (it keeps at most 20 octets) and loads this lease without any hardware address: it writes the lease back without its hardware line, and a client that sends no client identifier no longer finds its lease`,
    );
  }

  private lexerProblems(
    d: Declaration,
    source: string,
  ): { fatal: boolean; runsOn: boolean; escapes: Problem[]; overlong: Problem[] } {
    const lx = new DhcpdLexer(source);
    let fatal = false;
    try {
      while (lx.next().kind !== 'END_OF_FILE');
    } catch (e) {
      if (!(e instanceof DhcpdFatal)) throw e;
      fatal = true;
    }
    const base = d.sourceOffset!;
    const escapes: Problem[] = [];
    const overlong: Problem[] = [];
    let runsOn = false;
    for (const w of lx.located) {
      const offset = base + w.offset;
      const line = this.lineAt(d, offset);
      if (w.message.startsWith('whitespace too long')) {
        this.add(
          d,
          offset,
          line,
          'error',
          'whitespace-too-long',
          `${TOKBUF} or more white space characters in a row (before line ${d.line}) overflow dhcpd's token buffer: it logs "whitespace too long, buffer overflow." and exits without starting`,
        );
      } else if (w.message === 'eof in string constant') {
        if (runsOn) continue;
        runsOn = true;
        this.add(
          d,
          offset,
          line,
          'error',
          'string-runs-on',
          `dhcpd's lexer does not end this string at its closing quote ("${lx.warnings.find((m) => m !== 'eof in string constant') ?? w.message}"): it reads on into what follows, so it loses this ${d.kind} and, in practice, every declaration after it`,
        );
        this.runOn = { from: line, problem: null, lost: 0 };
        this.losing = true;
      } else if (w.message === 'string constant larger than internal buffer') {
        if (!runsOn) {
          runsOn = true;
          this.add(
            d,
            offset,
            line,
            'error',
            'token-too-long',
            `a string of ${TOKBUF} bytes or more: dhcpd's token buffer holds ${TOKBUF - 1} ("string constant larger than internal buffer"); it cuts the string there and reads its closing quote as the start of a new string, which runs on: dhcpd loses this ${d.kind} and, in practice, every declaration after it`,
          );
          this.runOn = { from: line, problem: null, lost: 0 };
          this.losing = true;
        }
      } else if (/token larger than internal buffer/.test(w.message)) {
        this.add(
          d,
          offset,
          line,
          'warning',
          'token-too-long',
          `a word or number of ${TOKBUF} characters or more: dhcpd keeps its first ${TOKBUF - 1} ("${w.message}"), drops the next one and reads the rest as a new token`,
        );
        overlong.push(this.problems.at(-1)!);
      } else if (/^invalid (octal|hex) digit/.test(w.message)) {
        if (escapes.length === 0) {
          this.add(
            d,
            offset,
            line,
            'warning',
            'invalid-escape',
            `dhcpd's lexer reads an escape in this string otherwise ("${w.message}"): an invalid digit leaves a byte of the string as an earlier token left it, and the escape goes on until an octal digit`,
          );
          escapes.push(this.problems.at(-1)!);
        }
      }
    }
    // Escapes dhcpd reads otherwise without a word (conflex.c read_string).
    for (const w of lx.silent) {
      if (escapes.length > 0) break;
      const offset = base + w.offset;
      this.add(
        d,
        offset,
        this.lineAt(d, offset),
        'warning',
        'invalid-escape',
        `dhcpd's lexer reads an escape in this string otherwise, without a warning: ${w.message}, which is not an octal digit, ends the escape as a 0 byte that the next character overwrites: dhcpd drops that character and reads the one after it as the start of an escape`,
      );
      escapes.push(this.problems.at(-1)!);
    }
    if (runsOn) {
      for (const p of escapes) p.severity = 'error';
    }
    return { fatal, runsOn, escapes, overlong };
  }
}

/** Declarations parse_statement reads inside a group that never ends: they are not lost. */
const readInsideGroup: ReadonlySet<string> = new Set(['host', 'group', 'class', 'subclass']);

function groupRunsOnMessage(g: { name: string; after: GroupFlag; lost: number }): string {
  const why = `dhcpd reads group ${g.name} without its end (it warns "expecting a parameter or declaration"): after \`${g.after};\`, parse_group_declaration hands the next statement to its statement parser, which takes the group's "}" for a statement to skip and skips past it, so every declaration after the group is read as part of it`;
  const restart =
    'and the snapshot dhcpd writes at each start puts groups before every lease: each start after that loses every lease and failover state';
  return g.lost === 0
    ? `${why}. Nothing after it is lost now, but every lease dhcpd appends after it is lost at the next start, ${restart}`
    : `${why}: dhcpd loads none of the ${g.lost} lease, IA and failover declarations after it (hosts, classes and groups there it reads as this group's), ${restart}`;
}

function count(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A byte string as dhcpd writes it (quotify: octal escapes for unprintable bytes); `?` for a byte no one can know. */
function printable(bytes: string): string {
  let out = '';
  for (const ch of bytes) {
    if (ch === UNKNOWN_BYTE) out += '?';
    else {
      const c = ch.charCodeAt(0);
      out +=
        c >= 0x20 && c < 0x7f && ch !== '"' && ch !== '\\'
          ? ch
          : `\\${c.toString(8).padStart(3, '0')}`;
    }
  }
  return out;
}

/**
 * A lease address the grammar takes but dhcpd reads otherwise (an octet above
 * 255: convert_num keeps its low 8 bits and warns), as dhcpd reads it, with
 * its warnings; null when `key` is an address as it stands (or not four numbers).
 */
export function leaseAddressAsRead(key: string): { address: string; warnings: string[] } | null {
  if (ipv4Number(key) !== null) return null;
  const lx = new DhcpdLexer(key);
  const octets = new DhcpdParser(lx).numericAggregate(4, '.', 10);
  if (octets === null || octets.length !== 4) return null;
  return { address: octets.join('.'), warnings: lx.warnings };
}
