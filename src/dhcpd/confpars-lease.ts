import { ftsBindingStates, type BindingState } from '../model/types.js';
import { cAtoi, dhcpdTimeFromFields } from '../model/dates.js';
import { DhcpdFatal, DhcpdLexer, isIdentifier, type Token } from './conflex.js';

export { DhcpdFatal };

/**
 * What dhcpd's parse_lease_declaration (server/confpars.c) makes of the text
 * of one `lease` declaration, including a partial one at the end of the file:
 * which statements it stores, what it makes up, and whether it gives up on
 * the whole lease ("possibly corrupt lease file"). Modelled step by step on
 * the ISC 4.4 source, including its error recovery (skip_to_semi and friends).
 */

/** A lease as dhcpd holds it after parsing (times 0 when absent, as in struct lease). */
export interface ParsedLease {
  /** Its address as dhcpd reads it: past comments and white space, each number made a byte. */
  address: string;
  starts: number;
  ends: number;
  tstp: number;
  tsfp: number;
  atsfp: number;
  cltt: number;
  /** null: dhcpd's state 0, left when `binding` was read without a state ("Lease with bogus binding state: 0"). */
  bindingState: BindingState | null;
  /**
   * null: state 0, as dhcpd's lease starts. With a binding state read, that is
   * left only by a refused `next` before it (its seen bit keeps `binding state`
   * from setting it): dhcpd writes it as `abandoned`, and a lease pool_timer
   * moves goes to state 0. A rewind state of 0 is not written.
   */
  nextBindingState: BindingState | null;
  rewindBindingState: BindingState | null;
  /** True when no `binding state` was read and dhcpd made one up from `ends` and the time. */
  bindingStateMadeUp: boolean;
  /** Hardware type and address bytes; `bytes` may be empty (hlen 1: type only). */
  hardware: { type: number; bytes: number[] } | null;
  /** uid bytes (latin1 string), or null. */
  uid: string | null;
  clientHostname: string | null;
  reserved: boolean;
  bootp: boolean;
  /** An `on expiry` / `on release` block with statements (dhcpd keeps no `on commit` in a lease). */
  onExpiry: boolean;
  onRelease: boolean;
  /** Names of `set` variables (and ddns-fwd-name / ddns-rev-name). */
  bindings: string[];
  agentOptions: number;
  billingClass: string | null;
}

/** One statement dhcpd stored, by the name leasecheck uses and the offset of its keyword. */
export interface StoredStatement {
  name: string;
  offset: number;
  /** True when the statement was cut and dhcpd stored what it had (e.g. part of a hardware address). */
  partial: boolean;
  /** For partial statements: what dhcpd stored, for people. */
  note?: string;
}

export interface LeaseParseResult {
  /** `entered`: parse_lease_declaration returned the lease (enter_lease runs); `dropped`: it gave up. */
  result: 'entered' | 'dropped';
  lease: ParsedLease | null;
  stored: StoredStatement[];
  /** Offset (in the lexed text) of the statement that made dhcpd give up, when dropped. */
  failedAt: number | null;
  /** Why dhcpd gave up or what it complained about last, for people. */
  reason: string | null;
  /** parse_warn messages in order, as dhcpd logs them (without the `FILE line N: ` prefix). */
  warnings: string[];
  /** True when a construct was met whose effect this model only approximates. */
  approximate: boolean;
  /** Those constructs, for people: what dhcpd does there that the model does not follow. */
  approximations: string[];
}

/** The tokens of the FTS_* states (common/conflex.c: TOKEN_FREE...). */
const stateTokens: Record<string, BindingState> = Object.fromEntries(
  ftsBindingStates.map((state) => [`TOKEN_${state.toUpperCase()}`, state]),
);

const dateNames: Record<string, string> = {
  STARTS: 'starts',
  ENDS: 'ends',
  TSTP: 'tstp',
  TSFP: 'tsfp',
  ATSFP: 'atsfp',
  CLTT: 'cltt',
};

const dateSeenBits: Record<string, number> = {
  STARTS: 1,
  ENDS: 2,
  TSTP: 65536,
  TSFP: 131072,
  ATSFP: 262144,
  CLTT: 524288,
};

/** parse_date_core's tokens from the weekday on, in order, each with the warning dhcpd logs when it is missing. */
const DATE_TOKENS: ReadonlyArray<readonly [string, string]> = [
  ['NUMBER', 'numeric day of week expected.'],
  ['NUMBER', 'numeric year expected.'],
  ['/', 'expected slash separating year from month.'],
  ['NUMBER', 'numeric month expected.'],
  ['/', 'expected slash separating month from day.'],
  ['NUMBER', 'numeric day of month expected.'],
  ['NUMBER', 'numeric hour expected.'],
  [':', 'expected colon separating hour from minute.'],
  ['NUMBER', 'numeric minute expected.'],
  [':', 'expected colon separating minute from second.'],
  ['NUMBER', 'numeric second expected.'],
];

const hardwareTypes: Record<string, number> = {
  ETHERNET: 1,
  TOKEN_RING: 6,
  TOKEN_FDDI: 8,
  TOKEN_INFINIBAND: 32,
};

/** Thrown inside the model where dhcpd's parse_lease_declaration returns 0. */
class GiveUp extends Error {}

function newLease(): ParsedLease {
  return {
    address: '',
    starts: 0,
    ends: 0,
    tstp: 0,
    tsfp: 0,
    atsfp: 0,
    cltt: 0,
    bindingState: null,
    nextBindingState: null,
    rewindBindingState: null,
    bindingStateMadeUp: false,
    hardware: null,
    uid: null,
    clientHostname: null,
    reserved: false,
    bootp: false,
    onExpiry: false,
    onRelease: false,
    bindings: [],
    agentOptions: 0,
    billingClass: null,
  };
}

/** The recovery and helper routines of common/parse.c, over the lexer model. */
export class DhcpdParser {
  /** The constructs met whose effect this model only approximates (see LeaseParseResult). */
  readonly approximations: string[] = [];

  constructor(readonly lx: DhcpdLexer) {}

  get approximate(): boolean {
    return this.approximations.length > 0;
  }

  /** Notes a construct this model only approximates, once. */
  approximates(why: string): void {
    if (!this.approximations.includes(why)) this.approximations.push(why);
  }

  /** skip_to_rbrace: skip to the `;` ending this statement or past `count` closing braces. */
  skipToRbrace(count: number): void {
    let brace = count;
    for (;;) {
      const t = this.lx.peek();
      if (t.kind === '}') {
        if (brace > 0) brace--;
        if (brace === 0) {
          this.lx.next();
          return;
        }
      } else if (t.kind === '{') brace++;
      else if (t.kind === ';' && brace === 0) {
        this.lx.next();
        return;
      }
      if (this.lx.next().kind === 'END_OF_FILE') return;
    }
  }

  skipToSemi(): void {
    this.skipToRbrace(0);
  }

  /** parse_semi. */
  semi(): boolean {
    if (this.lx.next().kind !== ';') {
      this.lx.warn('semicolon expected.');
      this.skipToSemi();
      return false;
    }
    return true;
  }

  /**
   * parse_numeric_aggregate: numbers separated by `separator`; `max` 0 for
   * any count. Returns the numbers, or null where dhcpd returns NULL.
   */
  numericAggregate(max: number, separator: string, base: 10 | 16): number[] | null {
    const out: number[] = [];
    const pending: string[] = [];
    let count = 0;
    do {
      if (count) {
        const t = this.lx.peek();
        if (t.kind !== separator) {
          if (!max) break;
          let k = t.kind;
          if (k !== '}' && k !== '{') k = this.lx.next().kind;
          this.lx.warn('too few numbers.');
          if (k !== ';') this.skipToSemi();
          return null;
        }
        this.lx.next();
      }
      const t = this.lx.next();
      if (t.kind === 'END_OF_FILE') {
        this.lx.warn('unexpected end of file');
        break;
      }
      if (t.kind !== 'NUMBER' && (base !== 16 || t.kind !== 'NUMBER_OR_NAME')) {
        this.lx.warn('expecting numeric value.');
        this.skipToSemi();
        return null;
      }
      if (max) out.push(this.convertNum(t.value, base));
      else pending.push(t.value);
    } while (++count !== max);
    // With no fixed count and nothing read, dhcpd has allocated nothing: NULL.
    if (!max && pending.length === 0) return null;
    if (!max) {
      // dhcpd keeps the numbers on a list built backwards and converts them last-first.
      const bytes = new Array<number>(pending.length);
      for (let i = pending.length - 1; i >= 0; i--)
        bytes[i] = this.convertNum(pending[i] as string, base);
      return bytes;
    }
    return out;
  }

  /** convert_num into one byte, with its warnings (a given base ignores any `0x`). */
  convertNum(text: string, base: 10 | 16): number {
    let i = 0;
    const negative = text.startsWith('-');
    if (negative) i++;
    let val = 0;
    do {
      const ch = text.charCodeAt(i++);
      let d: number;
      if (ch >= 0x61) d = ch - 0x61 + 10;
      else if (ch >= 0x41) d = ch - 0x41 + 10;
      else if (ch >= 0x30) d = ch - 0x30;
      else {
        this.lx.warn(`Bogus number: ${text}.`);
        break;
      }
      if (d >= base) {
        this.lx.warn(`Bogus number ${text}: digit ${d} not in base ${base}`);
        break;
      }
      val = (val * base + d) >>> 0;
    } while (i < text.length);
    const max = negative ? 128 : 255;
    if (val > max) {
      const shown = base === 16 ? val.toString(16) : String(val);
      this.lx.warn(`${negative ? '-' : ''}${shown} exceeds max (${max}) for precision.`);
    }
    return (negative ? -val : val) & 0xff;
  }

  /** parse_date_core, then parse_date's semicolon. Returns dhcpd's TIME (0 on error, Infinity for never). */
  date(): number {
    const t = this.dateCore();
    if (!this.semi()) return 0;
    return t;
  }

  dateCore(): number {
    const lx = this.lx;
    let t = lx.peek();
    if (t.kind === 'NEVER') {
      lx.next();
      return Infinity;
    }
    if (t.kind === 'EPOCH') {
      lx.next();
      t = lx.peek();
      if (t.kind !== 'NUMBER') return this.dateFailed('Seconds since epoch expected.');
      lx.next();
      return cAtoi(t.value);
    }
    const nums: number[] = [];
    for (const [kind, message] of DATE_TOKENS) {
      const tok = lx.peek();
      if (tok.kind !== kind) return this.dateFailed(message);
      lx.next();
      if (kind === 'NUMBER') nums.push(cAtoi(tok.value));
    }
    let tzOffset = 0;
    const tz = lx.peek();
    if (tz.kind === 'NUMBER') {
      lx.next();
      tzOffset = cAtoi(tz.value);
    } else if (tz.kind !== ';') {
      lx.next();
      lx.warn('Time zone offset or semicolon expected.');
      return 0;
    }
    const [, year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = nums;
    const v = dhcpdTimeFromFields({ year, month, day, hour, minute, second, tzOffset });
    if (Number.isNaN(v)) {
      this.approximates(
        'a month past December, where dhcpd reads beyond its table of month lengths and makes a date of whatever lies there (taken here as no date)',
      );
      return 0;
    }
    return v;
  }

  /** parse_date_core's failure: the token is skipped unless it is a `;`, and the warning logged. TIME 0. */
  private dateFailed(message: string): number {
    if (this.lx.peek().kind !== ';') this.lx.next();
    this.lx.warn(message);
    return 0;
  }

  /** parse_host_name: dotted identifiers; null when there is none. */
  hostName(): string | null {
    const parts: string[] = [];
    let dot = false;
    for (;;) {
      const t = this.lx.peek();
      if (!isIdentifier(t.kind) && t.kind !== 'NUMBER') break;
      this.lx.next();
      parts.push(t.value);
      if (this.lx.peek().kind === '.') {
        this.lx.next();
        dot = true;
      } else {
        dot = false;
        break;
      }
    }
    if (parts.length === 0) return null;
    return parts.join('.') + (dot ? '.' : '');
  }
}

function hex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * Model parse_lease_declaration on `text`, which starts right after the
 * `lease` keyword (the address, `{`, the statements, and perhaps the `}`).
 * `now` is dhcpd's cur_time in epoch seconds.
 */
export function parseLeaseDeclaration(
  text: string,
  now: number,
  /** A lexer already inside a larger text, right after its `lease` keyword (confpars-recovery.ts). */
  lexer?: DhcpdLexer,
): LeaseParseResult {
  const lx = lexer ?? new DhcpdLexer(text);
  const p = new DhcpdParser(lx);
  const lease = newLease();
  const stored: StoredStatement[] = [];
  let seenmask = 0;
  let reason: string | null = null;
  let failedAt: number | null = null;

  const finish = (result: 'entered' | 'dropped'): LeaseParseResult => ({
    result,
    lease: result === 'entered' ? lease : null,
    stored: result === 'entered' ? stored : [],
    failedAt,
    reason,
    warnings: lx.warnings,
    approximate: p.approximate,
    approximations: p.approximations,
  });
  const giveUp = (at: Token, why: string): never => {
    failedAt = at.offset;
    reason = why;
    throw new GiveUp(why);
  };

  try {
    const first = lx.peek();
    const addr = p.numericAggregate(4, '.', 10);
    if (!addr) giveUp(first, 'the lease address is incomplete');
    lease.address = addrText(addr);
    const lb = lx.next();
    if (lb.kind !== '{') {
      lx.warn('expecting left brace.');
      p.skipToSemi();
      giveUp(
        lb,
        lb.kind === 'END_OF_FILE'
          ? 'the file ends before the `{` that opens the lease'
          : `\`${lb.value}\` stands where the \`{\` that opens the lease belongs`,
      );
    }

    for (;;) {
      const kw = lx.next();
      if (kw.kind === '}') break;
      if (kw.kind === 'END_OF_FILE') {
        lx.warn('unexpected end of file');
        break;
      }
      const tbuf = kw.value.slice(0, 31);
      let seenbit = 0;
      const store = (name: string, partial = false, note?: string): void => {
        const s: StoredStatement = { name, offset: kw.offset, partial };
        if (note !== undefined) s.note = note;
        const i = stored.findIndex((x) => x.name === name);
        if (i >= 0) stored.splice(i, 1);
        stored.push(s);
      };
      const warningsBefore = lx.warnings.length;
      const clean = (): boolean => lx.warnings.length === warningsBefore;

      switch (kw.kind) {
        case 'STARTS':
        case 'ENDS':
        case 'TSTP':
        case 'TSFP':
        case 'ATSFP':
        case 'CLTT': {
          const t = p.date();
          const name = dateNames[kw.kind] ?? kw.kind;
          seenbit = dateSeenBits[kw.kind] ?? 0;
          (lease as unknown as Record<string, number>)[name] = t;
          if (t !== 0) store(name, !clean());
          else stored.splice(0, stored.length, ...stored.filter((s) => s.name !== name));
          break;
        }
        case 'TIMESTAMP':
          // Listed among the dates but missing from the inner switch: log_fatal.
          throw new DhcpdFatal('`timestamp` in a lease makes dhcpd exit ("Impossible error")');
        case 'UID': {
          seenbit = 8;
          const t = lx.peek();
          if (t.kind === 'STRING') {
            lx.next();
            lease.uid = t.value;
          } else {
            const bytes = p.numericAggregate(0, ':', 16);
            if (!bytes) giveUp(kw, 'its `uid` has no bytes dhcpd can read');
            lease.uid = String.fromCharCode(...(bytes ?? []));
          }
          const ok = p.semi();
          // A uid of no bytes (a string cut right after its opening quote) has uid_len 0:
          // write_lease leaves it out and write_leases4 does not count it as a uid.
          if (lease.uid.length > 0) {
            store('uid', !ok, ok ? undefined : `${lease.uid.length} byte(s) of the uid`);
          } else lease.uid = null;
          break;
        }
        case 'CLASS': {
          seenbit = 32;
          const t = lx.next();
          if (!isIdentifier(t.kind)) {
            if (t.kind !== ';') p.skipToRbrace(1);
            giveUp(kw, '`class` has no name');
          }
          p.semi();
          break;
        }
        case 'HARDWARE': {
          seenbit = 64;
          parseHardware(p, lease);
          if (lease.hardware) {
            const partial = !clean();
            store(
              'hardware',
              partial,
              partial
                ? lease.hardware.bytes.length
                  ? `hardware address cut to ${hex(lease.hardware.bytes)}`
                  : 'hardware type only, no address'
                : undefined,
            );
          }
          break;
        }
        case 'TOKEN_RESERVED':
          lease.reserved = true;
          p.semi();
          store('reserved');
          break;
        case 'DYNAMIC_BOOTP':
          lease.bootp = true;
          p.semi();
          store('dynamic-bootp');
          break;
        case 'TOKEN_ABANDONED':
          seenbit = 256;
          lease.bindingState = 'abandoned';
          lease.nextBindingState = 'abandoned';
          p.semi();
          store('abandoned');
          break;
        case 'TOKEN_NEXT':
        case 'REWIND':
        case 'BINDING': {
          seenbit = kw.kind === 'TOKEN_NEXT' ? 128 : kw.kind === 'REWIND' ? 512 : 256;
          if (kw.kind !== 'BINDING' && lx.next().kind !== 'BINDING') {
            lx.warn("expecting 'binding'");
            p.skipToSemi();
            break;
          }
          if (lx.next().kind !== 'STATE') {
            lx.warn("expecting 'state'");
            p.skipToSemi();
            break;
          }
          const st = lx.next();
          let state = stateTokens[st.kind];
          if (st.kind === 'TOKEN_RESERVED' || st.kind === 'TOKEN_BOOTP') {
            state = 'active';
            if (st.kind === 'TOKEN_RESERVED') lease.reserved = true;
            else lease.bootp = true;
          }
          if (!state) {
            lx.warn(`${st.value}: expecting a binding state.`);
            p.skipToSemi();
            giveUp(
              kw,
              st.kind === 'END_OF_FILE'
                ? 'the file ends before its binding state is named'
                : `\`${st.value}\` is not a binding state`,
            );
          }
          const name =
            seenbit === 256
              ? 'binding state'
              : seenbit === 128
                ? 'next binding state'
                : 'rewind binding state';
          if (seenbit === 256) {
            lease.bindingState = state;
            if (!(seenmask & 128)) lease.nextBindingState = state;
            if (!(seenmask & 512)) lease.rewindBindingState = state;
          } else if (seenbit === 128) lease.nextBindingState = state;
          else lease.rewindBindingState = state;
          const ok = p.semi();
          store(name, !ok);
          break;
        }
        case 'CLIENT_HOSTNAME': {
          seenbit = 1024;
          if (lx.peek().kind === 'STRING') {
            // parse_string: the string, then a semicolon, or the lease is lost.
            const s = lx.next();
            if (!p.semi()) giveUp(kw, 'its `client-hostname` string is not closed by `;`');
            lease.clientHostname = s.value;
          } else {
            const h = p.hostName();
            if (h === null) {
              lx.warn('expecting a hostname.');
              p.skipToSemi();
              giveUp(kw, '`client-hostname` has no name');
            }
            lease.clientHostname = h;
            p.semi();
          }
          store('client-hostname', !clean());
          break;
        }
        case 'BILLING': {
          seenbit = 2048;
          const t = lx.next();
          if (t.kind === 'CLASS') {
            const n = lx.next();
            if (n.kind !== 'STRING') {
              lx.warn('expecting string');
              if (n.kind !== ';') p.skipToSemi();
              break;
            }
            // find_class: classes come from dhcpd.conf or earlier in the lease file; unknown here.
            lx.warn(`unknown class ${n.value}`);
            p.approximates(
              '`billing class`, which dhcpd follows only for a class dhcpd.conf or the file declared before it (taken here as unknown: "unknown class")',
            );
            p.semi();
          } else if (t.kind === 'SUBCLASS') {
            // parse_class_declaration: not modelled; skip the statement.
            p.approximates(
              '`billing subclass`, which dhcpd reads as a subclass declaration (taken here as skipped to its `;`)',
            );
            p.skipToSemi();
          } else {
            lx.warn('expecting "class"');
            if (t.kind !== ';') p.skipToSemi();
          }
          break;
        }
        case 'ON': {
          seenbit = parseOn(p, lease, kw, giveUp);
          store('on');
          break;
        }
        case 'OPTION':
        case 'SUPERSEDE': {
          // parse_option_decl: modelled only as "a whole statement stores an agent option".
          const first = lx.peek();
          const agent = first.value.toLowerCase() === 'agent';
          const ok = skipStatementExpectingSemi(p);
          if (ok && agent) {
            lease.agentOptions++;
            store('option');
          } else {
            // Another space's option: dhcpd parses its value by its format, then drops it with
            // "agent option expected." (or another warning, for a name or value it cannot read).
            p.approximates(
              ok
                ? 'an `option` of another space than agent, which dhcpd parses and drops with a warning not given here ("agent option expected.", or one about its name or value)'
                : "an `option` the file ends inside, whose value dhcpd parses by the option's format (not modelled)",
            );
          }
          break;
        }
        case 'TOKEN_SET': {
          const n = lx.next();
          if (n.kind !== 'NAME' && n.kind !== 'NUMBER_OR_NAME') {
            lx.warn(`${n.value} can't be a variable name`);
            p.skipToSemi();
            giveUp(kw, '`set` has no variable name');
          }
          parseSet(p, lease, n.value, false, kw, giveUp);
          store(`set ${n.value}`, !clean());
          break;
        }
        default: {
          const lower = kw.value.toLowerCase();
          if (lower === 'ddns-fwd-name' || lower === 'ddns-rev-name') {
            seenbit = lower === 'ddns-fwd-name' ? 4096 : 8192;
            parseSet(p, lease, kw.value, true, kw, giveUp);
            store(lower, !clean());
            break;
          }
          lx.warn('Unexpected configuration directive.');
          p.skipToSemi();
          giveUp(
            kw,
            kw.kind === 'END_OF_FILE'
              ? 'unexpected end of file'
              : `\`${kw.value}\` is not a lease statement (a keyword cut short?)`,
          );
        }
      }

      if (seenmask & seenbit) {
        lx.warn(`Too many ${tbuf} parameters in lease ${addrText(addr)}\n`);
      } else seenmask |= seenbit;
    }

    if (!(seenmask & 256)) {
      lease.bindingStateMadeUp = true;
      lease.bindingState =
        lease.ends > now || lease.onExpiry || lease.onRelease ? 'active' : 'free';
      // The pool (and so its failover peer) is attached only later, by enter_lease.
      lease.nextBindingState = lease.bindingState === 'active' ? 'free' : lease.bindingState;
      lease.rewindBindingState = lease.bindingState;
    }
    if (!(seenmask & 65536)) lease.tstp = lease.ends;
    return finish('entered');
  } catch (e) {
    if (e instanceof GiveUp) return finish('dropped');
    throw e;
  }
}

function addrText(addr: number[] | null): string {
  return (addr ?? []).concat([0, 0, 0, 0]).slice(0, 4).join('.');
}

/** parse_hardware_param. */
function parseHardware(p: DhcpdParser, lease: ParsedLease): void {
  const lx = p.lx;
  const t = lx.next();
  let type = hardwareTypes[t.kind];
  if (type === undefined) {
    if (t.value.startsWith('unknown-')) type = cAtoi(t.value.slice(8));
    else {
      lx.warn('expecting a network hardware type');
      p.skipToSemi();
      return;
    }
  }
  if (lx.peek().kind !== ';') {
    const bytes = p.numericAggregate(0, ':', 16);
    if (!bytes) {
      lease.hardware = { type, bytes: [] };
      return;
    }
    if (bytes.length + 1 > 21) lx.warn('hardware address too long');
    else lease.hardware = { type, bytes };
  } else lease.hardware = { type, bytes: [] };
  if (lx.next().kind !== ';') {
    lx.warn('expecting semicolon.');
    p.skipToSemi();
  }
}

/** The `set` statement and ddns-*-name (confpars.c special_set and parse_binding_value). */
function parseSet(
  p: DhcpdParser,
  lease: ParsedLease,
  name: string,
  noEqual: boolean,
  kw: Token,
  giveUp: (at: Token, why: string) => never,
): void {
  const lx = p.lx;
  if (!noEqual && lx.next().kind !== '=') {
    lx.warn("expecting '=' in set statement.");
    p.skipToSemi();
    giveUp(kw, `\`set ${name}\` has no \`=\``);
  }
  const t = lx.peek();
  if (t.kind === 'STRING') {
    lx.next();
  } else if (t.kind === 'NUMBER_OR_NAME') {
    if (!p.numericAggregate(0, ':', 16)) {
      p.skipToSemi();
      giveUp(kw, `\`set ${name}\` has no value dhcpd can read`);
    }
  } else if (t.kind === '%') {
    lx.next();
    const n = lx.next();
    if (n.kind !== 'NUMBER') {
      lx.warn('expecting decimal number.');
      if (n.kind !== ';') p.skipToSemi();
      giveUp(kw, `\`set ${name}\` has no number after %`);
    }
  } else if (t.kind === 'NAME') {
    const v = lx.next();
    if (v.value.toLowerCase() !== 'true' && v.value.toLowerCase() !== 'false') {
      lx.warn('expecting true or false');
      if (v.kind !== ';') p.skipToSemi();
      giveUp(kw, `\`set ${name}\` has a value that is neither true nor false`);
    }
  } else {
    lx.warn('expecting a constant value.');
    if (t.kind !== ';') p.skipToSemi();
    giveUp(kw, `\`set ${name}\` has no value`);
  }
  if (!lease.bindings.includes(name)) lease.bindings.push(name);
  p.semi();
}

/**
 * parse_on_statement: event names joined by `or`, then `;` or a `{ … }` block.
 * The block's statements are not interpreted; a block that does not close
 * (the file ends inside it) makes dhcpd give up on the lease. Returns the
 * statement's seen bits: 16384 for `on expiry`, 32768 for `on release`, each
 * only with statements (a second one is "Too many on parameters").
 */
function parseOn(
  p: DhcpdParser,
  lease: ParsedLease,
  kw: Token,
  giveUp: (at: Token, why: string) => never,
): number {
  const lx = p.lx;
  /** parse_lease_declaration, when parse_on_statement fails: skip_to_rbrace(1), past the lease's `}`. */
  const fail = (why: string): never => {
    p.skipToRbrace(1);
    return giveUp(kw, why);
  };
  const events = new Set<string>();
  let t: Token;
  do {
    const ev = lx.next();
    if (
      ev.kind !== 'EXPIRY' &&
      ev.kind !== 'COMMIT' &&
      ev.kind !== 'RELEASE' &&
      ev.kind !== 'TRANSMISSION'
    ) {
      lx.warn('expecting a lease event type');
      p.skipToSemi();
      fail('`on` has no event name');
    }
    events.add(ev.kind);
    t = lx.next();
  } while (t.kind === 'OR');
  if (t.kind === ';') return 0;
  if (t.kind !== '{') {
    lx.warn('left brace expected.');
    p.skipToSemi();
    fail('`on` has no `{`');
  }
  let depth = 1;
  let statements = 0;
  for (;;) {
    const x = lx.next();
    if (x.kind === 'END_OF_FILE') {
      // dhcpd parses the block's statements (parse_executable_statements), with warnings
      // this model does not reproduce; either way the lease is lost.
      p.approximates(
        'an `on` block the file ends inside, whose statements dhcpd parses with warnings not modelled (the lease is lost either way)',
      );
      lx.warn('right brace expected.');
      fail('the file ends inside its `on` block');
    }
    if (x.kind === '{') depth++;
    else if (x.kind === '}' && --depth === 0) break;
    else statements++;
  }
  if (statements === 0) return 0;
  let seenbit = 0;
  if (events.has('EXPIRY')) {
    lease.onExpiry = true;
    seenbit |= 16384;
  }
  if (events.has('RELEASE')) {
    lease.onRelease = true;
    seenbit |= 32768;
  }
  return seenbit;
}

/** Skip an `option` statement; true when it ended with `;` before end of file. */
function skipStatementExpectingSemi(p: DhcpdParser): boolean {
  for (;;) {
    const t = p.lx.next();
    if (t.kind === ';') return true;
    if (t.kind === 'END_OF_FILE') return false;
  }
}
