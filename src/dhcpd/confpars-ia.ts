import { DhcpdLexer, type LexWarning, type Token } from './conflex.js';
import { DhcpdParser } from './confpars-lease.js';
import { cAtoi } from '../model/dates.js';
import { isIpv6Text } from '../model/ipv6.js';

/**
 * What dhcpd -6 makes of one `ia-na`/`ia-ta`/`ia-pd` declaration
 * (server/confpars.c parse_ia_na/ta/pd_declaration, server/mdb6.c
 * cleanup_lease6, add_lease6, write_leases6), read token by token:
 *
 * - text the grammar accepts can still be refused after the syntax: an
 *   IAID+DUID of 5 bytes or fewer (or over 131), an `iaaddr` without
 *   `binding state` or `ends`, a state other than active, free, expired,
 *   released or abandoned, an address inet_pton refuses. dhcpd warns
 *   "corrupt lease file; …" and returns without entering the IA; the rest
 *   of the IA is then read at the top level, where each stray token logs
 *   "Corrupt lease file - possible data loss!" and skips to the next `;`
 *   or past the next `}` — which, at the IA's last `}`, swallows the whole
 *   next declaration;
 * - every complete `iaaddr` is applied to its pool as it is read, even when
 *   the IA is refused later: an expired or released one removes the address
 *   from the IA that held it, and an IA left with no address is dropped. So
 *   a later copy of an IA that lacks only its final `}` leaves no binding;
 * - an IA is kept (and written: "Wrote N NA, N TA, N PD leases") when it
 *   holds at least one active or abandoned address; nothing expires before
 *   that first write.
 */

export type IaKind = 'ia-na' | 'ia-ta' | 'ia-pd';

/** dhcpd.conf's v6 pools: does one hold this address (or, for ia-pd, this prefix of this length)? */
export type V6PoolLookup = (kind: IaKind, address: string, prefixLength: number | null) => boolean;

export interface IaReading {
  /** parse_warn messages with the offset (in the text read) of the token whose line dhcpd names. */
  warnings: LexWarning[];
  /** How many times dhcpd then logs the line-less "Corrupt lease file - possible data loss!". */
  corruptLogs: number;
  /** dhcpd returned before the IA's closing brace: the IA is not entered. */
  refused: boolean;
  /** Why, for people (null when entered). */
  reason: string | null;
  /** Offset of the token at which dhcpd gave up (null when entered). */
  refusedAt: number | null;
  /**
   * dhcpd is still skipping (skip_to_semi) when the text ends: it swallows
   * what follows, here with this many `{` still open (0: up to the next `;`
   * or past the next `}`); null when it is back at the top level.
   */
  skipping: number | null;
  /**
   * How many more skip_to_semi dhcpd runs once that skip is over (each to the
   * next `;` or past the next `}`): 1 when the skip under way is parse_X's or
   * parse_ip6_addr's own, which the IA's parser follows with its own after its
   * warning; else 0 (always 0 for an IA whose braces balance: such a skip ends
   * inside it).
   */
  skipsAfter: number;
  /** Addresses with no pool (`No pool found for …`, a log_error without a line). */
  noPool: string[];
  /** Offset just past the `}` of the last complete `iaaddr`/`iaprefix` block (0: none). */
  lastBlockEnd: number;
  /**
   * The first time write_ia would print that dhcpd reads as before 1970, when
   * the IA is entered (null: none). print_time refuses a negative time, so
   * write_ia fails there ("write_ia: unable to write ia"), and with it every
   * rewrite of the lease file. write_ia prints the IA's `cltt`, then the `ends`
   * of each address it keeps (active or abandoned): only those count.
   */
  unwritableTime: { offset: number; field: 'cltt' | 'ends'; time: number } | null;
}

interface Ia {
  kind: IaKind;
  id: string;
  addresses: Set<string>;
}

/** States parse_ia_*_declaration accepts (others: "expecting a binding state."). */
const iaStates: Record<string, string> = {
  TOKEN_ABANDONED: 'abandoned',
  TOKEN_FREE: 'free',
  TOKEN_ACTIVE: 'active',
  TOKEN_EXPIRED: 'expired',
  TOKEN_RELEASED: 'released',
};

const kindUpper: Record<IaKind, string> = { 'ia-na': 'na', 'ia-ta': 'ta', 'ia-pd': 'pd' };

/** Thrown inside the model where parse_ia_*_declaration returns early. */
class Refused extends Error {
  constructor(
    readonly why: string,
    readonly at: number,
    /** A skip that ran into the end of the text, with its open braces. */
    readonly open: number | null = null,
    /** The skips that follow it (see IaReading.skipsAfter). */
    readonly after = 0,
  ) {
    super(why);
  }
}

/** dhcpd -6's IA tables and pools, fed one IA declaration at a time in file order. */
export class V6Bindings {
  private readonly active = new Map<string, Ia>();
  /** pool->leases: active/abandoned addresses and the IA object each belongs to (maybe one never entered). */
  private readonly pools = new Map<string, Ia>();

  constructor(private readonly pools6: V6PoolLookup = () => true) {}

  /** The numbers of "Wrote N NA, N TA, N PD leases to lease file.". */
  wrote(): { na: number; ta: number; pd: number } {
    const out = { na: 0, ta: 0, pd: 0 };
    for (const ia of this.active.values()) {
      if (ia.addresses.size > 0) out[kindUpper[ia.kind] as 'na' | 'ta' | 'pd']++;
    }
    return out;
  }

  /** The addresses (or prefixes) each IA holds, by `kind id`: what write_leases6 would write. */
  bindings(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [key, ia] of this.active) {
      if (ia.addresses.size > 0) out.set(key, [...ia.addresses]);
    }
    return out;
  }

  /** Reads one IA declaration's text (from its keyword through its `}`, or to the end of the file). */
  read(kind: IaKind, text: string): IaReading {
    const lx = new DhcpdLexer(text);
    const p = new DhcpdParser(lx);
    const reading: IaReading = {
      warnings: lx.located,
      corruptLogs: 0,
      refused: false,
      reason: null,
      refusedAt: null,
      skipping: null,
      skipsAfter: 0,
      noPool: [],
      lastBlockEnd: 0,
      unwritableTime: null,
    };
    lx.next(); // the keyword
    try {
      this.parse(kind, lx, p, reading);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      reading.refused = true;
      reading.reason = e.why;
      reading.refusedAt = e.at;
      reading.skipping = e.open ?? afterReturn(lx, reading);
      reading.skipsAfter = e.after;
    }
    return reading;
  }

  private parse(kind: IaKind, lx: DhcpdLexer, p: DhcpdParser, reading: IaReading): void {
    const id = iaidDuid(lx, p);
    const ia: Ia = { kind, id, addresses: new Set() };
    /** The first negative time write_ia would print for this IA (see IaReading.unwritableTime). */
    let cltt: IaReading['unwritableTime'] = null;
    let endsOfKept: IaReading['unwritableTime'] = null;
    const refuse = (
      at: Token,
      message: string,
      why: string,
      skip: 'semi' | 'none' = 'semi',
    ): never => {
      lx.warn(`corrupt lease file; ${message}`);
      const open = skip === 'none' ? null : skipToRbrace(lx, 0);
      throw new Refused(why, at.offset, open);
    };
    let t = lx.next();
    if (t.kind !== '{') refuse(t, 'expecting left brace', 'it has no `{`');
    const sub = kind === 'ia-pd' ? 'IAPREFIX' : 'IAADDR';
    for (;;) {
      t = lx.next();
      if (t.kind === '}') break;
      if (t.kind === 'CLTT') {
        // A later `cltt` replaces an earlier one: only the last is printed.
        const time = p.date();
        cltt = time < 0 ? { offset: t.offset, field: 'cltt', time } : null;
        continue;
      }
      if (t.kind !== sub) {
        refuse(
          t,
          `expecting ${sub} or right brace`,
          t.kind === 'END_OF_FILE'
            ? 'the file ends before its closing `}`'
            : `\`${t.value}\` is not an ${sub.toLowerCase()}`,
        );
      }
      const address = kind === 'ia-pd' ? ip6Prefix(lx) : ip6Address(lx);
      if ('failed' in address) {
        const expecting = `expecting IPv6 ${kind === 'ia-pd' ? 'prefix' : 'address'}`;
        if (address.open === null) refuse(t, expecting, address.failed);
        // parse_ip6_addr's own skip ran out of text: once it is over, the caller warns and
        // skips again (the warning is placed at the end of the text, where the model stops).
        lx.warn(`corrupt lease file; ${expecting}`);
        throw new Refused(address.failed, t.offset, address.open, 1);
      }
      const { text: addr, length } = address as { text: string; length: number | null };
      const lb = lx.next();
      if (lb.kind !== '{')
        refuse(lb, 'expecting left brace', `its ${sub.toLowerCase()} has no \`{\``);
      let state: string | null = null;
      let ends = false;
      let endsAt: IaReading['unwritableTime'] = null;
      for (;;) {
        const s = lx.next();
        if (s.kind === '}') {
          reading.lastBlockEnd = s.offset + 1;
          break;
        }
        if (s.kind === 'END_OF_FILE')
          refuse(
            s,
            'unexpected end of file',
            `the file ends inside its ${sub.toLowerCase()}`,
            'none',
          );
        if (s.kind === 'BINDING') {
          if (lx.next().kind !== 'STATE')
            refuse(s, 'expecting state', '`binding` is not followed by `state`');
          const st = lx.next();
          const name = iaStates[st.kind];
          if (!name)
            refuse(
              s,
              'expecting a binding state.',
              `\`${st.value}\` is not a state dhcpd -6 reads`,
            );
          state = name!;
          if (lx.next().kind !== ';') lx.warn('corrupt lease file; expecting semicolon.');
        } else if (s.kind === 'PREFERRED_LIFE' || s.kind === 'MAX_LIFE') {
          const n = lx.next();
          if (n.kind !== 'NUMBER') {
            lx.warn(
              `${n.value} is not a valid ${s.kind === 'MAX_LIFE' ? 'max' : 'preferred'} time`,
            );
            p.skipToSemi();
            continue;
          }
          if (lx.peek().kind === ';') lx.next();
          else lx.warn('corrupt lease file; expecting semicolon.');
        } else if (s.kind === 'ENDS') {
          const time = p.date();
          endsAt = time < 0 ? { offset: s.offset, field: 'ends', time } : null;
          ends = true;
        } else if (s.kind === 'TOKEN_SET') {
          const n = lx.next();
          if (n.kind !== 'NAME' && n.kind !== 'NUMBER_OR_NAME') {
            lx.warn(`${n.value} is not a valid variable name`);
            p.skipToSemi();
            continue;
          }
          if (lx.next().kind !== '=') {
            lx.warn("expecting '=' in set statement.");
            throw new Refused('a `set` has no `=`', s.offset);
          }
          // parse_binding_value then parse_semi: the grammar has checked the value's form.
          p.skipToSemi();
        } else if (s.kind === 'ON') {
          const cut = skipBlock(lx);
          if (cut !== null) {
            // parse_on_statement met the end of the file: its own warning, then the IA's.
            lx.warn(cut);
            refuse(
              s,
              'bad ON statement',
              `the file ends inside an \`on\` statement of its ${sub.toLowerCase()}`,
              'none',
            );
          }
        } else {
          lx.warn(
            `corrupt lease file; expecting ${kind.replace('-', '_')} contents, got '${s.value}'`,
          );
          p.skipToSemi();
        }
      }
      const where = sub.toLowerCase();
      if (state === null)
        refuse(lb, `missing state in ${where}`, `an ${where} has no \`binding state\``, 'none');
      if (!ends) refuse(lb, `missing end time in ${where}`, `an ${where} has no \`ends\``, 'none');
      if (!this.pools6(kind, addr, length)) {
        reading.noPool.push(length === null ? addr : `${addr}/${length}`);
        continue;
      }
      this.apply(ia, addr, state!, lx);
      if (state === 'active' || state === 'abandoned') endsOfKept ??= endsAt;
    }
    if (ia.addresses.size > 0) reading.unwritableTime = cltt ?? endsOfKept;
    // A later copy replaces the IA: deleted first, so that it is last in the map's order.
    const key = `${kind} ${id}`;
    this.active.delete(key);
    if (ia.addresses.size > 0) this.active.set(key, ia);
  }

  /** cleanup_lease6, then add_lease6 for an active or abandoned address. */
  private apply(ia: Ia, address: string, state: string, lx: DhcpdLexer): void {
    const key = `${ia.kind} ${address}`;
    const keeps = state === 'active' || state === 'abandoned';
    const held = this.pools.get(key);
    if (held) {
      const same = held.id === ia.id;
      if (!(same && keeps) && !(!same && !keeps)) {
        if (!same) lx.warn(`duplicate ${kindUpper[ia.kind]} lease for address ${address}`);
        this.pools.delete(key);
        held.addresses.delete(address);
        if (held.addresses.size === 0) this.active.delete(`${held.kind} ${held.id}`);
      }
    }
    if (keeps) {
      ia.addresses.add(address);
      this.pools.set(key, ia);
    }
  }
}

/** parse_iaid_duid (parse_X into 132 bytes): the IAID+DUID bytes; refuses where dhcpd returns 0. */
function iaidDuid(lx: DhcpdLexer, p: DhcpdParser): string {
  const t = lx.peek();
  let bytes: string | null = null;
  let open: number | null = null;
  if (t.kind === 'STRING') {
    lx.next();
    if (t.value.length + 1 > 132) {
      lx.warn('string constant too long.');
      open = skipToRbrace(lx, 0);
    } else bytes = t.value;
  } else if (t.kind === 'NUMBER' || t.kind === 'NUMBER_OR_NAME') {
    // parse_X's own loop: hex numbers separated by `:`, anything else is "expecting hexadecimal constant.".
    const list: number[] = [];
    for (;;) {
      const n = lx.next();
      if (n.kind !== 'NUMBER' && n.kind !== 'NUMBER_OR_NAME') {
        lx.warn('expecting hexadecimal constant.');
        open = skipToRbrace(lx, 0);
        break;
      }
      list.push(p.convertNum(n.value, 16));
      if (lx.peek().kind !== ':') {
        if (list.length > 132) {
          lx.warn('hexadecimal constant too long.');
          open = skipToRbrace(lx, 0);
        } else bytes = String.fromCharCode(...list);
        break;
      }
      lx.next();
    }
  } else {
    lx.warn('expecting string or hexadecimal data');
    open = skipToRbrace(lx, 0);
  }
  if (bytes === null || bytes.length <= 5) {
    lx.warn('corrupt lease file; iaid+ia_xx string too short');
    // parse_X's own skip ran out of text: parse_iaid_duid's skip_to_semi runs once it is over.
    const after = open === null ? 0 : 1;
    if (open === null) open = skipToRbrace(lx, 0);
    throw new Refused(
      bytes === null
        ? 'dhcpd cannot read its IAID+DUID'
        : `its IAID+DUID has ${bytes.length} bytes (dhcpd needs more than 5)`,
      t.offset,
      open,
      after,
    );
  }
  return bytes;
}

type Ip6Reading = { text: string; length: number | null } | { failed: string; open: number | null };

/** sizeof("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"): parse_ip6_addr's buffer. */
const ip6Buffer = 46;

/**
 * parse_ip6_addr (common/parse.c): from the next token on, the tokens an
 * address can be made of (hex words, numbers, `add`, `.` and `:`) with no
 * white space between them, then inet_pton. On failure dhcpd warns
 * "Invalid IPv6 address." and skips to the next `;` (or past a `}` block)
 * itself; `open` then says whether that skip ran out of text (see skipToRbrace).
 */
function ip6Address(lx: DhcpdLexer): Ip6Reading {
  let text = '';
  let end = -1;
  for (;;) {
    const t = lx.peek();
    if (end >= 0 && t.offset !== end) break; // a raw token: white space ends the address
    const hexWord =
      (t.kind === 'NAME' || t.kind === 'NUMBER_OR_NAME') && /^[0-9a-f]+$/i.test(t.value);
    if (!(
      hexWord ||
      t.kind === 'NUMBER' ||
      t.kind === 'TOKEN_ADD' ||
      t.kind === '.' ||
      t.kind === ':'
    ))
      break;
    lx.next();
    if (text.length + t.value.length >= ip6Buffer) return ip6Failed(lx, 'Invalid IPv6 address.');
    text += t.value;
    end = t.offset + t.value.length;
  }
  if (!isIpv6Text(text)) return ip6Failed(lx, 'Invalid IPv6 address.');
  return { text, length: null };
}

/** parse_ip6_prefix: an address, `/`, a length of at most 128 with no address bits past it. */
function ip6Prefix(lx: DhcpdLexer): Ip6Reading {
  const address = ip6Address(lx);
  if ('failed' in address) return address;
  const slash = lx.next();
  if (slash.kind !== '/') return ip6Failed(lx, 'Slash expected.', slash.kind !== ';');
  const n = lx.next();
  if (n.kind !== 'NUMBER') return ip6Failed(lx, 'Number expected.', n.kind !== ';');
  const length = cAtoi(n.value);
  if (length < 0 || length > 128) return ip6Failed(lx, 'Invalid IPv6 prefix length.');
  if (!cidrMaskValid(address.text, length)) return ip6Failed(lx, 'network mask too short.');
  return { text: address.text, length };
}

function ip6Failed(lx: DhcpdLexer, message: string, skip = true): Ip6Reading {
  lx.warn(message);
  const open = skip ? skipToRbrace(lx, 0) : null;
  return {
    failed: `its ${message === 'Invalid IPv6 address.' ? 'address is not one inet_pton reads' : `prefix is refused ("${message}")`}`,
    open,
  };
}

/** is_cidr_mask_valid (common/inet.c): no bit of the address is set past the first `bits`. */
function cidrMaskValid(address: string, bits: number): boolean {
  const value = ipv6Value(address);
  return bits >= 128 || (value & ((1n << BigInt(128 - bits)) - 1n)) === 0n;
}

/** An address inet_pton accepts, as a number. */
function ipv6Value(address: string): bigint {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string | undefined): string[] => (s ? s.split(':') : []);
  const groups =
    tail === undefined
      ? part(head)
      : [
          ...part(head),
          ...Array<string>(8 - part(head).length - part(tail).length).fill('0'),
          ...part(tail),
        ];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * parse_on_statement's block, which the grammar has already checked: skip to its matching `}`.
 * Returns null, or parse_on_statement's warning when the text ends before the block does.
 */
function skipBlock(lx: DhcpdLexer): string | null {
  let depth = 0;
  for (;;) {
    const t = lx.next();
    if (t.kind === 'END_OF_FILE')
      return depth === 0 ? 'left brace expected.' : 'right brace expected.';
    if (t.kind === '{') depth++;
    else if (t.kind === '}' && --depth <= 0) return null;
    else if (t.kind === ';' && depth === 0) return null;
  }
}

/**
 * skip_to_rbrace: to the `;` at this level or past the `}` closing `count`
 * braces. Returns null when it got there, or the braces still open when the
 * text ended first (dhcpd then goes on skipping through what follows).
 */
function skipToRbrace(lx: DhcpdLexer, count: number): number | null {
  let braces = count;
  for (;;) {
    const n = lx.peek();
    if (n.kind === 'END_OF_FILE') return braces;
    lx.next();
    if (n.kind === '}') {
      if (braces > 0) braces--;
      if (braces === 0) return null;
    } else if (n.kind === '{') braces++;
    else if (n.kind === ';' && braces === 0) return null;
  }
}

/**
 * lease_file_subparse after parse_ia_* returned early: each token left of
 * the IA is a stray top-level token ("Corrupt lease file - possible data
 * loss!", skip_to_semi). Returns the open brace count of a skip still under
 * way where the text ends, or null when dhcpd is back at the top level.
 */
function afterReturn(lx: DhcpdLexer, reading: IaReading): number | null {
  for (;;) {
    const t = lx.next();
    if (t.kind === 'END_OF_FILE') return null;
    reading.corruptLogs++;
    const open = skipToRbrace(lx, 0);
    if (open !== null) return open;
  }
}
