/**
 * The effective state of every address of a lease file, as dhcpd loads it,
 * in tallies to count ranges with. Plain v4 counts take the fast path of
 * `check` (the scanner's lease summaries, no record per lease); `--now` and
 * v6 need every field and read the leases whole.
 */
import { analysePartial } from '../check/truncated.js';
import { scanPart } from '../check/part.js';
import { parseIpv6 } from '../conf/address.js';
import { leaseFate } from '../dhcpd/mdb.js';
import {
  keepsInputFromParsedLease,
  simulatePartialDeclaration,
} from '../dhcpd/partial-declaration.js';
import { ipv4Number } from '../model/ipv4.js';
import { bindingStates } from '../model/types.js';
import { scanLeaseFile, type ScanFailure } from '../scan/index.js';
import { readLeases } from '../leases/index.js';
import { classOf, Ipv4Tally, Ipv6Tally, UNCOUNTED } from './tally.js';

export interface Gathered {
  v4: Ipv4Tally;
  v6: Ipv6Tally;
  /** Delegated prefixes, by prefix length. */
  prefixes: Map<number, Ipv6Tally>;
  problems: Array<{ line: number; message: string }>;
}

export interface GatherOptions {
  /** Count the leases dhcpd would expire at start-up at this time (reads every field). */
  now?: Date;
  /** Read IA declarations too (the configuration is v6). */
  v6?: boolean;
}

export async function gatherLeases(path: string, options: GatherOptions): Promise<Gathered> {
  if (options.now || options.v6) return gatherRecords(path, options.now ?? new Date());
  return gatherSummaries(path, new Date());
}

/** The fast path: the address and state of each lease's last declaration, from the scanner's summaries. */
function gatherSummaries(path: string, clock: Date): Gathered {
  const nowSeconds = Math.floor(clock.getTime() / 1000);
  const part = scanPart(path, 1000);
  const v4 = new Ipv4Tally();
  /** Offsets of last declarations without a binding state: dhcpd makes one up from `ends`. */
  const stateless = new Map<number, number>();
  part.aggregates.leases.forEachEntry((address, state, offset) => {
    if (state < 0) stateless.set(offset, address);
    v4.add(address, state < 0 ? UNCOUNTED : classOf(bindingStates[state]!));
  });
  if (stateless.size > 0) {
    scanLeaseFile(
      path,
      {
        onDeclaration: (d) => {
          const address = stateless.get(d.offset);
          if (d.kind === 'lease' && address !== undefined) {
            v4.override(address, classOf(leaseFate(d, nowSeconds).loadedState));
          }
        },
      },
      undefined,
      'full',
    );
  }
  const tail = part.failures[part.failures.length - 1];
  if (tail && tail.atEndOfFile && tail.kind === 'lease') enterPartial(v4, tail, clock);
  const problems = part.failures.map((f) => ({
    line: f.failureLine,
    message: f.atEndOfFile
      ? `the file ends inside the ${f.kind ?? 'declaration'} starting at line ${f.line}`
      : `syntax error in the ${f.kind ?? 'unknown'} declaration starting at line ${f.line}: dhcpd skips it`,
  }));
  v4.seal();
  return { v4, v6: new Ipv6Tally(), prefixes: new Map(), problems };
}

/** A partial last lease that dhcpd loads replaces its address's earlier state. */
function enterPartial(v4: Ipv4Tally, tail: ScanFailure, clock: Date): void {
  const partial = analysePartial(tail);
  const address = partial.key === null ? null : ipv4Number(partial.key);
  if (address === null) return;
  const simulation = simulatePartialDeclaration(
    {
      kind: 'lease',
      completeStatements: partial.complete,
      cutInside: partial.cutInside,
      head: partial.head,
    },
    clock,
  );
  const lease = simulation.parse?.lease;
  if (simulation.outcome.action !== 'loaded' || !lease) return;
  const keeps = keepsInputFromParsedLease(lease, partial.key);
  const state = keeps.stateZero
    ? null
    : leaseFate(keeps, Math.floor(clock.getTime() / 1000)).loadedState;
  v4.override(address, classOf(state));
}

/** Every lease read whole (readLeases): needed for `expiring` and for v6 IAs. */
async function gatherRecords(path: string, now: Date): Promise<Gathered> {
  const v4 = new Ipv4Tally();
  const v6 = new Ipv6Tally();
  const prefixes = new Map<number, Ipv6Tally>();
  const reading = readLeases(path, { now });
  for await (const lease of reading) {
    const cls = classOf(lease.state);
    if (lease.family === 4) {
      const address = ipv4Number(lease.address);
      if (address === null) continue;
      v4.add(address, cls, lease.state === 'active' && lease.startupState !== 'active');
      continue;
    }
    const ended =
      lease.state === 'active' &&
      lease.ends !== 'never' &&
      (lease.ends === null || Date.parse(lease.ends) <= now.getTime());
    const [text = '', length] = lease.address.split('/');
    const value = parseIpv6(text);
    if (value === null) continue;
    if (length === undefined) {
      v6.set(value, cls, ended);
    } else {
      const tally = prefixes.get(Number(length)) ?? new Ipv6Tally();
      prefixes.set(Number(length), tally);
      tally.set(value, cls, ended);
    }
  }
  v4.seal();
  v6.seal();
  for (const tally of prefixes.values()) tally.seal();
  const problems = reading.problems.map((p) => ({ line: p.line, message: p.message }));
  return { v4, v6, prefixes, problems };
}
