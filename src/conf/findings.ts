/**
 * What dhcpd would complain about when it loads a lease file under this
 * configuration (`--config` on check, verify and ready):
 * - a v4 lease whose address is in no configured range: mdb.c enter_lease
 *   logs "lease A: no subnet." and drops it;
 * - v6 addresses/prefixes outside every range6/prefix6;
 * - a failover state block for a peer the configuration does not declare
 *   (confpars.c: "unknown failover peer");
 * - a subclass of a class the configuration does not declare ("no class
 *   named"), and class or group declarations that are not `dynamic` (so
 *   dhcpd expects them in its configuration) but are missing from it.
 * Pure: a plan and declarations in, findings out, nothing printed.
 */
import type { CodeOf, DiagnosticBase } from '../diagnostic.js';
import type { Declaration } from '../model/types.js';
import {
  addressInRanges,
  classNames,
  failoverPeerNames,
  groupNames,
  prefixInRanges,
} from './queries.js';
import type { AddressPlan } from './types.js';

/** The codes of configuration findings (`config.findings[].code`): add one line per new code. */
export const configFindingCodes = [
  'no-subnet',
  'no-range6',
  'no-prefix6',
  'unknown-failover-peer',
  'unknown-class',
  'unknown-group',
] as const;

export type ConfigFindingCode = CodeOf<typeof configFindingCodes>;

/** `message` is one sentence, e.g. `lease 10.0.9.9: no subnet (dhcpd drops it)`. */
export interface ConfigFinding extends DiagnosticBase<ConfigFindingCode> {
  /** The address, prefix or name concerned. */
  subject: string;
  /** The last declaration that names it: its 1-based line and byte offset. */
  line: number;
  offset: number;
  /** How many declarations in the file name it (a lease file keeps history). */
  occurrences: number;
}

/** Collects findings declaration by declaration (for scanLeaseFile's onDeclaration). */
export interface ConfigChecker {
  onDeclaration(declaration: Declaration): void;
  findings(): ConfigFinding[];
}

export function createConfigChecker(plan: AddressPlan): ConfigChecker {
  const peers = new Set(failoverPeerNames(plan));
  const classes = new Set(classNames(plan));
  const groups = new Set(groupNames(plan));
  const found = new Map<string, ConfigFinding>();
  const note = (
    code: ConfigFindingCode,
    subject: string,
    message: string,
    d: Declaration,
  ): void => {
    const id = `${code} ${subject}`;
    const previous = found.get(id);
    found.set(id, {
      code,
      subject,
      message,
      line: d.line,
      offset: d.offset,
      occurrences: (previous?.occurrences ?? 0) + 1,
    });
  };
  return {
    onDeclaration(d) {
      switch (d.kind) {
        case 'lease':
          if (d.key !== null && addressInRanges(plan, d.key) === null) {
            note(
              'no-subnet',
              d.key,
              `lease ${d.key}: no subnet (in no configured range; dhcpd drops it)`,
              d,
            );
          }
          return;
        case 'ia-na':
        case 'ia-ta':
          for (const address of d.addresses ?? []) {
            if (addressInRanges(plan, address) === null) {
              note(
                'no-range6',
                address,
                `${d.kind} address ${address} is in no configured range6`,
                d,
              );
            }
          }
          return;
        case 'ia-pd':
          for (const prefix of d.addresses ?? []) {
            if (prefixInRanges(plan, prefix) === null) {
              note('no-prefix6', prefix, `ia-pd prefix ${prefix} is in no configured prefix6`, d);
            }
          }
          return;
        case 'failover-state':
          if (d.key !== null && !peers.has(d.key)) {
            note(
              'unknown-failover-peer',
              d.key,
              `failover peer "${d.key}" has state in the lease file but is not declared in the configuration`,
              d,
            );
          }
          return;
        case 'subclass':
          if (d.key !== null && !classes.has(d.key)) {
            note(
              'unknown-class',
              d.key,
              `subclass of class "${d.key}", which the configuration does not declare`,
              d,
            );
          }
          return;
        case 'class':
          if (d.key !== null && !d.dynamic && !d.deleted && !classes.has(d.key)) {
            note(
              'unknown-class',
              d.key,
              `class "${d.key}" is in the lease file but not in the configuration`,
              d,
            );
          }
          return;
        case 'group':
          if (d.key !== null && !d.dynamic && !d.deleted && !groups.has(d.key)) {
            note(
              'unknown-group',
              d.key,
              `group "${d.key}" is in the lease file but not in the configuration`,
              d,
            );
          }
          return;
        default:
          return;
      }
    },
    findings() {
      return [...found.values()].sort((a, b) => a.offset - b.offset);
    },
  };
}

/** The findings for a whole list of declarations. */
export function configFindings(
  plan: AddressPlan,
  declarations: Iterable<Declaration>,
): ConfigFinding[] {
  const checker = createConfigChecker(plan);
  for (const declaration of declarations) checker.onDeclaration(declaration);
  return checker.findings();
}
