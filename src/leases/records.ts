/**
 * Lease records from what the scanner extracted: a whole v4 declaration, the
 * partial last one as dhcpd's parser model loads it, and the addresses of a
 * v6 IA (read from the grammar's events for the IA's own text).
 */
import { CAPTURED_RULES, lastMatch, matchRule } from '../grammar/lease-engine.js';
import { capturedRuleIds } from '../grammar/captured-rules.js';
import { parseDhcpdDate } from '../model/dates.js';
import { leaseFate } from '../dhcpd/mdb.js';
import { keepsInputFromParsedLease } from '../dhcpd/partial-declaration.js';
import type { ParsedLease } from '../dhcpd/confpars-lease.js';
import type { BindingState, Declaration } from '../model/types.js';
import {
  bytesOfValue,
  hardwareValue,
  hexOf,
  hostnameValue,
  quotify,
  timeValue,
  uidValue,
} from './values.js';
import type { LeaseRecord } from './types.js';

/** A whole `lease` declaration as dhcpd loads it (the state made up when it has none). */
export function recordOfLease(d: Declaration, nowSeconds: number): LeaseRecord {
  const fate = leaseFate(d, nowSeconds);
  return {
    family: 4,
    kind: 'lease',
    address: d.key ?? '',
    state: fate.loadedState,
    stateMadeUp: d.bindingState === null,
    nextState: d.bindingState === null ? null : d.nextBindingState,
    startupState: fate.state,
    written: fate.written,
    starts: timeValue(d.starts),
    ends: timeValue(d.ends),
    cltt: timeValue(d.cltt),
    tstp: timeValue(d.tstp),
    tsfp: timeValue(d.tsfp),
    atsfp: timeValue(d.atsfp),
    hardware: hardwareValue(d.hardware),
    uid: uidValue(d.uid),
    clientHostname: hostnameValue(d.clientHostname),
    line: d.line,
    offset: d.offset,
  };
}

const hardwareTypes: Record<number, string> = {
  1: 'ethernet',
  6: 'token-ring',
  8: 'fddi',
  32: 'infiniband',
};

/** The partial last lease of a truncated file, as dhcpd's parser model says it loads it. */
export function recordOfPartialLease(
  address: string,
  lease: ParsedLease,
  line: number,
  offset: number,
  nowSeconds: number,
): LeaseRecord {
  const fate = leaseFate(keepsInputFromParsedLease(lease, address), nowSeconds);
  const hw = lease.hardware;
  return {
    family: 4,
    kind: 'lease',
    address,
    state: fate.loadedState,
    stateMadeUp: lease.bindingStateMadeUp,
    nextState: lease.bindingStateMadeUp ? null : lease.nextBindingState,
    startupState: fate.state,
    written: fate.written,
    starts: timeValue(lease.starts),
    ends: timeValue(lease.ends),
    cltt: timeValue(lease.cltt),
    tstp: timeValue(lease.tstp),
    tsfp: timeValue(lease.tsfp),
    atsfp: timeValue(lease.atsfp),
    hardware: hw
      ? {
          type: hardwareTypes[hw.type] ?? String(hw.type),
          address: hexOf(String.fromCharCode(...hw.bytes)),
        }
      : null,
    uid: lease.uid === null ? null : { text: quotify(lease.uid), hex: hexOf(lease.uid) },
    clientHostname: lease.clientHostname,
    line,
    offset,
    partial: true,
  };
}

const ID = capturedRuleIds(CAPTURED_RULES);

/**
 * The addresses (or prefixes) of one whole IA declaration, `text` being its
 * text from `ia-na` to its closing brace. Each iaaddr/iaprefix block is
 * read from the events the grammar reports while matching it: they arrive
 * in completion order, so an address's statements follow its address.
 */
export function recordsOfIa(d: Declaration, text: string): LeaseRecord[] {
  const end = matchRule('Declaration', text, 0);
  if (end < 0) return [];
  const key = d.key ?? '';
  const ia = { key, ...iaParts(key) };
  const kind = d.kind as LeaseRecord['kind'];
  const records: LeaseRecord[] = [];
  let current: LeaseRecord | null = null;
  let lastDate: number | null = null;
  let lastState: BindingState | null = null;
  let cltt: string | null = null;
  const slice = (i: number): string => text.slice(lastMatch.eventStart(i), lastMatch.eventEnd(i));
  for (let i = 0; i < lastMatch.eventCount; i++) {
    const rule = lastMatch.eventRule(i);
    if (rule === ID.iaAddress) {
      current = {
        family: 6,
        kind,
        address: slice(i),
        state: null,
        stateMadeUp: false,
        nextState: null,
        startupState: null,
        written: null,
        starts: null,
        ends: null,
        cltt: null,
        tstp: null,
        tsfp: null,
        atsfp: null,
        hardware: null,
        uid: null,
        clientHostname: null,
        ia,
        preferredLife: null,
        maxLife: null,
        line: d.line,
        offset: d.offset,
      };
      records.push(current);
    } else if (rule === ID.Date) {
      lastDate = parseDhcpdDate(slice(i));
      // The IA's own `cltt` is the one date not inside an iaaddr statement.
      if (
        /cltt\s*$/.test(
          text.slice(Math.max(0, lastMatch.eventStart(i) - 16), lastMatch.eventStart(i)),
        )
      ) {
        cltt = timeValue(lastDate);
      }
    } else if (rule === ID.bindingState) {
      lastState = slice(i) as BindingState;
    } else if (rule === ID.BindingStateStmt && current) {
      current.state = lastState;
    } else if (rule === ID.IaAddrStatement && current) {
      const statement = slice(i);
      const number = /^(preferred-life|max-life)\s+(\d+)/.exec(statement);
      if (statement.startsWith('ends')) current.ends = timeValue(lastDate);
      else if (number?.[1] === 'preferred-life') current.preferredLife = Number(number[2]);
      else if (number?.[1] === 'max-life') current.maxLife = Number(number[2]);
    }
  }
  for (const r of records) r.cltt = cltt;
  return records;
}

/**
 * The IAID and DUID of an IA key: four bytes of IAID (written in the byte
 * order of `authoring-byte-order`, little-endian on the usual servers) then
 * the client's DUID.
 */
function iaParts(key: string): { iaid: number | null; duid: string | null } {
  const bytes = bytesOfValue(key);
  if (bytes.length < 5) return { iaid: null, duid: null };
  const b = [0, 1, 2, 3].map((i) => bytes.charCodeAt(i));
  const iaid = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  return { iaid, duid: hexOf(bytes.slice(4)) };
}
