import {
  CAPTURED_RULES,
  SUMMARY,
  lastMatch,
  matchEvents,
  type CapturedRule,
  type MatchEvents,
} from '../grammar/lease-engine.js';
import { capturedRuleIds } from '../grammar/captured-rules.js';
import { cAtoi, dhcpdTimeFromFields } from './dates.js';
import { ipv4NumberIn } from './ipv4.js';
import { bindingStates } from './types.js';
import type { LeaseBatch } from './lease-batch.js';
import type { BindingState, Declaration, DeclarationKind, FailoverStateName } from './types.js';

/**
 * Builds the typed record of one declaration from the events the grammar
 * reported while matching it. The grammar has already validated the text, so
 * each event's text is exactly one well-formed item; nothing here re-parses
 * the format.
 *
 * Events arrive in completion order: an item's parts before the item (the
 * `bindingState` before its `BindingStateStmt`), so the last part seen is the
 * one that belongs to the statement that completes next.
 */

const kindByRule = {
  LeaseDecl: 'lease',
  HostDecl: 'host',
  GroupDecl: 'group',
  ClassDecl: 'class',
  SubclassDecl: 'subclass',
  FailoverDecl: 'failover-state',
  ServerDuidDecl: 'server-duid',
  ByteOrderDecl: 'authoring-byte-order',
} as const satisfies Partial<Record<CapturedRule, DeclarationKind>>;

const ID = capturedRuleIds(CAPTURED_RULES);
const kindById = new Map<number, DeclarationKind>(
  (Object.keys(kindByRule) as (keyof typeof kindByRule)[]).map((rule) => [
    ID[rule],
    kindByRule[rule],
  ]),
);

export interface ExtractOptions {
  /** Counts the date forms seen (`W YYYY/MM/DD…` vs `epoch N`). */
  dateForms?: { utc: number; epoch: number };
  /**
   * Only what `check`'s summary needs: kind, key, binding states, failover
   * states, IA addresses, flags. Dates (but failover ones), hardware, uid and
   * client-hostname stay null. Saves a third of the time on large files.
   */
  summary?: boolean;
}

export function emptyDeclaration(kind: DeclarationKind, offset: number, line: number): Declaration {
  return {
    kind,
    offset,
    length: 0,
    line,
    key: null,
    bindingState: null,
    nextBindingState: null,
    rewindBindingState: null,
    starts: null,
    ends: null,
    cltt: null,
    tstp: null,
    tsfp: null,
    atsfp: null,
    hardware: null,
    uid: null,
    clientHostname: null,
    deleted: false,
    dynamic: false,
  };
}

type TimeField = 'starts' | 'ends' | 'cltt' | 'tstp' | 'tsfp' | 'atsfp';
const timeFields = new Set<string>(['starts', 'ends', 'cltt', 'tstp', 'tsfp', 'atsfp']);

/**
 * Text of a statement after its first keyword, up to (not including) the
 * final `;`: `hardware ethernet 00:11:22:33:44:55;` -> `ethernet 00:11:22:33:44:55`.
 */
function afterKeyword(text: string): string {
  const space = text.search(/\s/);
  const semi = text.lastIndexOf(';');
  return text.slice(space, semi < 0 ? text.length : semi).trim();
}

/**
 * The declaration matched at `[start, end)` of `window` (window-relative
 * offsets; `base` is the window's byte offset in the file).
 */
export function declarationFromEvents(
  window: string,
  start: number,
  end: number,
  base: number,
  line: number,
  options: ExtractOptions = {},
): Declaration {
  const { dateForms, summary = false } = options;
  const text = (i: number): string => window.slice(lastMatch.eventStart(i), lastMatch.eventEnd(i));
  const kind = matchedKind();
  const d = emptyDeclaration(kind, base + start, line);
  d.length = end - start;
  let pendingTime: string | null = null;
  let lastDate: number | null = null;
  let lastBinding: BindingState | null = null;
  let lastFailoverState: FailoverStateName | null = null;
  let lastNumber: number | null = null;
  let failover: NonNullable<Declaration['failover']> | undefined;
  let expiryOrRelease = false;

  for (let i = 0; i < lastMatch.eventCount; i++) {
    const rule = lastMatch.eventRule(i);
    switch (rule) {
      case ID.leaseAddress:
        d.key = text(i);
        break;
      case ID.declName:
        d.key ??= text(i);
        break;
      case ID.iaKeyword:
        d.kind = text(i) as DeclarationKind;
        break;
      case ID.iaId:
        d.key ??= text(i);
        break;
      case ID.iaAddress:
        (d.addresses ??= []).push(text(i));
        break;
      case ID.timeKeyword:
        if (!summary) pendingTime = text(i);
        break;
      case ID.Date:
        // A summary needs the dates of failover states only.
        lastDate =
          summary && kind !== 'failover-state'
            ? null
            : dateValue(window, lastMatch.eventStart(i), lastMatch.eventEnd(i));
        if (dateForms) countDateForm(window.charCodeAt(lastMatch.eventStart(i)), dateForms);
        if (pendingTime !== null) {
          if (timeFields.has(pendingTime)) d[pendingTime as TimeField] = lastDate;
          pendingTime = null;
        }
        break;
      case ID.IaAddrStatement:
        // `ends` inside an iaaddr: the latest one stands for the IA.
        if (text(i).startsWith('ends')) d.ends = lastDate;
        break;
      case ID.bindingState:
        {
          const at = lastMatch.eventStart(i);
          lastBinding = bindingStateOf(
            window.charCodeAt(at),
            window.charCodeAt(at + 2),
            lastMatch.eventEnd(i) - at,
          );
        }
        break;
      case ID.BindingStateStmt:
        d.bindingState = lastBinding;
        break;
      case ID.NextBindingStateStmt:
        d.nextBindingState = lastBinding;
        break;
      case ID.RewindBindingStateStmt:
        d.rewindBindingState = lastBinding;
        break;
      case ID.HardwareStmt:
        if (!summary) d.hardware = afterKeyword(text(i));
        break;
      case ID.HardwareStmt_typeOnly:
        d.hardwareTypeOnly = true;
        break;
      case ID.uidValue:
        if (!summary) d.uid = text(i);
        break;
      case ID.ClientHostnameStmt:
        if (!summary) d.clientHostname = afterKeyword(text(i));
        break;
      case ID.failoverState:
        lastFailoverState = text(i) as FailoverStateName;
        break;
      case ID.number:
        lastNumber = Number(text(i));
        break;
      case ID.FailoverStatement_my:
      case ID.FailoverStatement_partner: {
        failover ??= emptyFailover();
        const at = /\sat\s/.test(text(i)) ? lastDate : null;
        if (rule === ID.FailoverStatement_my) {
          failover.myState = lastFailoverState;
          failover.myStateAt = at;
        } else {
          failover.partnerState = lastFailoverState;
          failover.partnerStateAt = at;
        }
        break;
      }
      case ID.FailoverStatement_mclt:
        failover ??= emptyFailover();
        failover.mclt = lastNumber;
        break;
      case ID.FlagStmt_reserved:
        d.reserved = true;
        break;
      case ID.FlagStmt_abandoned:
        // parse_lease_declaration, TOKEN_ABANDONED: the legacy `abandoned;` is a binding state.
        d.bindingState = 'abandoned';
        d.nextBindingState = 'abandoned';
        break;
      case ID.onEvent:
        // `on expiry`, `on release`, `on commit`, possibly joined with `or`.
        if (window.charCodeAt(lastMatch.eventStart(i)) !== 99 /* commit */) expiryOrRelease = true;
        break;
      case ID.OnStmt:
        if (expiryOrRelease) d.onExpiryOrRelease = true;
        expiryOrRelease = false;
        break;
      case ID.DeclItem_deleted:
        d.deleted = true;
        break;
      case ID.DeclItem_dynamic:
        d.dynamic = true;
        break;
    }
  }
  if (failover) d.failover = failover;
  if (
    d.key !== null &&
    (d.kind === 'failover-state' ||
      d.kind === 'host' ||
      d.kind === 'group' ||
      d.kind === 'class' ||
      d.kind === 'subclass')
  ) {
    d.key = unquote(d.key);
  }
  return d;
}

/** The kind of the declaration the last match completed. */
export function matchedKind(): DeclarationKind {
  for (let i = lastMatch.eventCount - 1; i >= 0; i--) {
    const k = kindById.get(lastMatch.eventRule(i));
    if (k) return k;
  }
  return 'lease';
}

/** Whether the last match completed a lease (its LeaseDecl is the last event to complete). */
export function matchedLease(): boolean {
  return lastMatch.eventCount > 0 && lastMatch.eventRule(lastMatch.eventCount - 1) === LEASE_DECL;
}

const LEASE_DECL = ID.LeaseDecl;

/** Where the declaration the last match completed starts (its rule's event is the last), or -1. */
export function declarationStart(): number {
  const last = lastMatch.eventCount - 1;
  return last >= 0 && DECLARATION_RULES.has(lastMatch.eventRule(last))
    ? lastMatch.eventStart(last)
    : -1;
}

/** The rules of whole top-level declarations: the kinds above, and IAs (whose kind is their keyword). */
const DECLARATION_RULES = new Set([...kindById.keys(), ID.IaDecl]);

/** What check's summary keeps of a lease; see leaseSummaryFromEvents. */
export interface LeaseSummary {
  /** The address as a 32-bit number, or -1 when dhcpd could not read it (an octet above 255). */
  address: number;
  /** Index in `bindingStates` of its binding state, or -1 when it has none. */
  state: number;
  /**
   * dhcpd reads it otherwise than the grammar: a string with an escape its lexer
   * reads otherwise (the grammar's badEscape), or an address with an octet above
   * 255 (dhcpd warns and keeps the octet's low 8 bits), or a date that may be
   * before 1970 for dhcpd (see dateMayBeNegative), or a hardware address longer
   * than dhcpd keeps (see hardwareTooLong). Such a lease is read again in
   * full, by dhcpd's lexer model (see Declaration.source).
   */
  readOtherwise: boolean;
  /** It has `hardware TYPE ;`: a type and no address (see Declaration.hardwareTypeOnly). */
  hardwareTypeOnly: boolean;
}

const leaseSummary: LeaseSummary = {
  address: -1,
  state: -1,
  readOtherwise: false,
  hardwareTypeOnly: false,
};

// The rule numbers the summary reads, as constants: read for every event of a large file.
const LEASE_ADDRESS = ID.leaseAddress;
const BINDING_STATE = ID.bindingState;
const BINDING_STATE_STMT = ID.BindingStateStmt;
const FLAG_ABANDONED = ID.FlagStmt_abandoned;
const DATE = ID.Date;
const BAD_ESCAPE = ID.badEscape;
const HARDWARE_TYPE_ONLY = ID.HardwareStmt_typeOnly;
const HARDWARE = ID.HardwareStmt;

/**
 * The address and binding state of the lease the last match completed,
 * without building its Declaration: on a large file, `check` needs only
 * these of each lease, and allocating a record per lease costs more than
 * matching it. The result object is reused by the next call.
 */
export function leaseSummaryFromEvents(
  codes: Uint16Array,
  dateForms?: { utc: number; epoch: number },
): LeaseSummary {
  const events = matchEvents();
  return summarise(events, 0, events.count, codes, dateForms);
}

/**
 * leaseSummaryFromEvents when the last match completed a lease, with where
 * its declaration starts; null (and no date counted) when it completed
 * anything else. One read of the events for the scanner's loop over leases.
 */
export function matchedLeaseSummary(
  codes: Uint16Array,
  dateForms: { utc: number; epoch: number },
): { summary: LeaseSummary; start: number } | null {
  const events = matchEvents();
  const count = events.count;
  if (count === 0 || events.rule[count - 1] !== LEASE_DECL) return null;
  matchedLeaseResult.summary = summarise(events, 0, count, codes, dateForms);
  matchedLeaseResult.start = events.start[count - 1]!;
  return matchedLeaseResult;
}

const matchedLeaseResult = { summary: leaseSummary, start: 0 };

/** The captured rules leaseSummaryInEvents reads (and LeaseDecl, which ends each lease). */
export const LEASE_SUMMARY_RULES: readonly number[] = [
  LEASE_ADDRESS,
  BINDING_STATE,
  BINDING_STATE_STMT,
  FLAG_ABANDONED,
  DATE,
  BAD_ESCAPE,
  HARDWARE_TYPE_ONLY,
  HARDWARE,
  LEASE_DECL,
];

/**
 * Records 0 to `taken` of the WebAssembly module's summary of a run of
 * leases (see summariseLeases) into `batch`, each as the LeaseSummary
 * summarise gives of the same lease: the module summarises only leases in
 * which summarise finds nothing unusual (nothing dhcpd may read otherwise,
 * no type-only hardware). `base` is the file offset of the window's start.
 */
export function leaseRecordsInto(
  batch: LeaseBatch,
  words: Int32Array,
  taken: number,
  codes: Uint16Array,
  base: number,
): LeaseBatch {
  batch.reset(taken, base);
  const { addressWords, states, starts } = batch;
  for (let k = 0; k < taken; k++) {
    const at = recordAt(k);
    const stateAt = words[at + SUMMARY.STATE_START]!;
    addressWords[k] = words[at + SUMMARY.ADDRESS]!;
    states[k] =
      stateAt === SUMMARY.NO_STATE
        ? -1
        : stateAt === SUMMARY.ABANDONED
          ? ABANDONED
          : bindingIndexOf(
              codes[stateAt]!,
              codes[stateAt + 2]!,
              words[at + SUMMARY.STATE_END]! - stateAt,
            );
    starts[k] = words[at + SUMMARY.START]!;
  }
  batch.count = taken;
  return batch;
}

/**
 * Lease `k` of `batch` as the LeaseSummary summarise gives of it, for a
 * sink that takes leases one at a time. The result object is reused by the
 * next call.
 */
export function leaseInBatch(batch: LeaseBatch, k: number): LeaseSummary {
  batchLease.address = batch.addresses[k]!;
  batchLease.state = batch.states[k]!;
  return batchLease;
}

/** leaseInBatch's object: not summarise's, which a sink's own reading may reuse meanwhile. */
const batchLease: LeaseSummary = {
  address: -1,
  state: -1,
  readOtherwise: false,
  hardwareTypeOnly: false,
};

/** Where the lease of record `k` of the module's summary ends (a window offset). */
export function leaseRecordEnd(words: Int32Array, k: number): number {
  return words[recordAt(k) + SUMMARY.END]!;
}

/** The first word of record `k` in the summary area. */
function recordAt(k: number): number {
  return SUMMARY.RECORDS + k * SUMMARY.RECORD_WORDS;
}

/** Whether an event is a lease's own (LeaseDecl): the last of the lease's events. */
export function endsLease(rule: number): boolean {
  return rule === LEASE_DECL;
}

/**
 * leaseSummaryFromEvents for the events [from, to) of the last match (a run
 * of several leases, see matchMany), `to` just past the lease's own event.
 */
export function leaseSummaryInEvents(
  codes: Uint16Array,
  from: number,
  to: number,
  dateForms: { utc: number; epoch: number },
): LeaseSummary {
  return summarise(matchEvents(), from, to, codes, dateForms);
}

function summarise(
  events: MatchEvents,
  from: number,
  to: number,
  codes: Uint16Array,
  dateForms: { utc: number; epoch: number } | undefined,
): LeaseSummary {
  const { rule, start, end } = events;
  leaseSummary.address = -1;
  leaseSummary.state = -1;
  leaseSummary.readOtherwise = false;
  leaseSummary.hardwareTypeOnly = false;
  let lastBinding = -1;
  for (let i = from; i < to; i++) {
    const r = rule[i];
    if (r === LEASE_ADDRESS) {
      leaseSummary.address = ipv4NumberIn(codes, start[i]!, end[i]!) ?? -1;
      if (leaseSummary.address < 0) leaseSummary.readOtherwise = true;
    } else if (r === BINDING_STATE) {
      const at = start[i]!;
      lastBinding = bindingIndexOf(codes[at]!, codes[at + 2]!, end[i]! - at);
    } else if (r === BINDING_STATE_STMT) {
      leaseSummary.state = lastBinding;
    } else if (r === FLAG_ABANDONED) {
      leaseSummary.state = ABANDONED;
    } else if (r === DATE) {
      if (dateForms) countDateForm(codes[start[i]!]!, dateForms);
      if (dateMayBeNegative(codes, start[i]!, end[i]!)) leaseSummary.readOtherwise = true;
    } else if (r === BAD_ESCAPE) {
      leaseSummary.readOtherwise = true;
    } else if (r === HARDWARE_TYPE_ONLY) {
      leaseSummary.hardwareTypeOnly = true;
    } else if (r === HARDWARE) {
      if (hardwareTooLong(codes, start[i]!, end[i]!)) leaseSummary.readOtherwise = true;
    }
  }
  return leaseSummary;
}

/**
 * The shortest `hardware` statement that can hold more octets than dhcpd
 * keeps: `hardware fddi ` and 21 one-digit octets with their 20 colons.
 * Shorter ones, every address dhcpd writes among them, need no closer look.
 */
const SHORTEST_TOO_LONG_HARDWARE = 'hardware fddi '.length + 41;

/**
 * Whether the `hardware` statement matched at [start, end) of `codes` has
 * more than 20 octets. parse_hardware_param keeps at most 20 (struct
 * hardware's hbuf holds the type and 20 bytes): with more, it warns
 * "hardware address too long" and dhcpd loads the lease without any
 * hardware address, and writes it back without one. The grammar takes any
 * number of octets, so such a lease is read again by dhcpd's model.
 */
function hardwareTooLong(codes: Uint16Array, start: number, end: number): boolean {
  if (end - start < SHORTEST_TOO_LONG_HARDWARE) return false;
  let colons = 0;
  for (let i = start; i < end; i++) if (codes[i] === 58 /* : */) colons++;
  return colons >= 20;
}

/**
 * Whether the Date matched at [start, end) of `codes` may be a time before 1970
 * for dhcpd, which then cannot write it back (print_time refuses a negative
 * time). parse_date_core takes a year above 1900 as years since 1900 and any
 * other as it is, so 1901 to 1970 and 0000 to 0070 may be before 1970 (1970
 * itself with a time zone offset), and any offset may take a date there. A test
 * of a few characters, enough to send the rare date to dhcpd's model (it runs for
 * every date of a large file); `epoch N` and `never` are never negative.
 */
function dateMayBeNegative(codes: Uint16Array, start: number, end: number): boolean {
  // First the date as dhcpd writes it, `W 20YY/MM/DD HH:MM:SS;`: three loads. This runs
  // for every date of a file, mostly before V8 has optimised it: the fewer bytecodes the better.
  if (codes[start + 2] === 50 /* 2 */ && codes[start + 3] === 48 /* 0 */ && codes[end - 4] === 58)
    return false;
  return unusualDateMayBeNegative(codes, start, end);
}

/** dateMayBeNegative of a date in another form: `never`, `epoch N`, another century, an offset. */
function unusualDateMayBeNegative(codes: Uint16Array, start: number, end: number): boolean {
  const weekday = codes[start]!;
  if (weekday < 48 /* 0 */ || weekday > 57 /* 9 */) return false;
  // `W YYYY/…`: the grammar's year is four digits.
  const year =
    (codes[start + 2]! - 48) * 1000 +
    (codes[start + 3]! - 48) * 100 +
    (codes[start + 4]! - 48) * 10 +
    (codes[start + 5]! - 48);
  if (year <= 1970 && (year > 1900 || year <= 70)) return true;
  // A time zone offset: the last number follows a space or a `-`, not the seconds' `:`.
  let i = end - 1;
  while (i > start && (codes[i] === 59 /* ; */ || codes[i]! <= 32)) i--;
  while (i > start && codes[i]! >= 48 && codes[i]! <= 57) i--;
  return codes[i] !== 58; /* : */
}

/** Counts a date by its first character: `e`poch, `n`ever, or a weekday digit. */
function countDateForm(first: number, dateForms: { utc: number; epoch: number }): void {
  if (first === 101 /* e */) dateForms.epoch++;
  else if (first !== 110 /* n */) dateForms.utc++;
}

function emptyFailover(): NonNullable<Declaration['failover']> {
  return { myState: null, myStateAt: null, partnerState: null, partnerStateAt: null, mclt: null };
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

/**
 * The value of a `Date` the grammar matched: `W YYYY/MM/DD HH:MM:SS [tz];`,
 * `never;` or `epoch N;`. The shape is already validated, so the numbers are
 * read with a character loop (this runs for every date of a 1 GB file).
 */
function dateValue(text: string, start: number, end: number): number | null {
  const first = text.charCodeAt(start);
  if (first === 110 /* never */) return Infinity;
  if (first === 101 /* epoch */) return cAtoi(text.slice(start + 6, end).replace(/;.*$/s, ''));
  const fields = [0, 0, 0, 0, 0, 0, 0, 0];
  let field = -1;
  let inNumber = false;
  let negative = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (!inNumber) {
        field++;
        inNumber = true;
      }
      fields[field] = fields[field]! * 10 + (c - 48);
    } else {
      if (inNumber && negative) fields[field] = -fields[field]!;
      inNumber = false;
      negative = c === 45; /* - */
    }
  }
  const [, year, month, day, hour, minute, second, tz] = fields as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const value = dhcpdTimeFromFields({
    year,
    month,
    day,
    hour,
    minute,
    second,
    tzOffset: field >= 7 ? tz : 0,
  });
  return Number.isNaN(value) ? null : value;
}

/**
 * The binding state the grammar matched, told apart by its first and third
 * characters and its length, without copying the text (this runs three
 * times for every lease of a large file).
 */
function bindingStateOf(first: number, third: number, length: number): BindingState {
  return bindingStates[bindingIndexOf(first, third, length)]!;
}

const indexOfState = (state: BindingState): number => bindingStates.indexOf(state);
const FREE = indexOfState('free');
const ACTIVE = indexOfState('active');
const ABANDONED = indexOfState('abandoned');
const EXPIRED = indexOfState('expired');
const BACKUP = indexOfState('backup');
const BOOTP = indexOfState('bootp');
const RESET = indexOfState('reset');
const RELEASED = indexOfState('released');
const RESERVED = indexOfState('reserved');

/**
 * bindingStateOf as an index in `bindingStates`. A number, not the name:
 * looking names up in an object by key goes megamorphic at the second name,
 * and the summary of every lease would pay for it.
 */
function bindingIndexOf(first: number, third: number, length: number): number {
  switch (first) {
    case 102: // f
      return FREE;
    case 97: // a
      return length === 6 ? ACTIVE : ABANDONED;
    case 101: // e
      return EXPIRED;
    case 98: // b
      return length === 6 ? BACKUP : BOOTP;
    default: // r
      if (length === 5) return RESET;
      return third === 108 /* l */ ? RELEASED : RESERVED;
  }
}

/**
 * Whether dhcpd reads the last match otherwise than the grammar (see
 * LeaseSummary.readOtherwise): an escape its lexer reads otherwise, a lease
 * address with an octet above 255, a date that may be before 1970, or a
 * hardware address of more than 20 octets. `codes` holds the matched text.
 * It reuses the summary object leaseSummaryFromEvents returns.
 */
export function matchedReadOtherwise(codes: Uint16Array): boolean {
  // The summary's own test, over every event of the match (of any kind: a date
  // or hardware address of another declaration counts as a lease's would).
  const events = matchEvents();
  return summarise(events, 0, events.count, codes, undefined).readOtherwise;
}
