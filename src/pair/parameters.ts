/**
 * Compares the address-relevant parameters in force in two matching scopes.
 * Parameters are inherited, so one difference at an outer scope shows in
 * every inner one; a difference is reported once per pair of source lines.
 */
import { isAddressRelevant } from '../conf/params.js';
import type { Parameter, SourceRef } from '../conf/types.js';
import { side } from './sides.js';
import type { PairFinding } from './types.js';

export class ParameterComparer {
  private readonly seen = new Set<string>();

  compare(
    scope: string,
    a: Parameter[],
    aAt: SourceRef,
    b: Parameter[],
    bAt: SourceRef,
  ): PairFinding[] {
    const findings: PairFinding[] = [];
    const keys = [...new Set([...a, ...b].map((p) => p.key))].filter(isAddressRelevant);
    for (const key of keys) {
      const pa = a.find((p) => p.key === key);
      const pb = b.find((p) => p.key === key);
      if (pa && pb && pa.value === pb.value) continue;
      const id = `${key}|${pa ? `${pa.at.file}:${pa.at.line}` : '-'}|${pb ? `${pb.at.file}:${pb.at.line}` : '-'}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      findings.push({
        area: 'parameter',
        code: 'parameter',
        message: `${scope}: ${key} differs`,
        primary: side(pa?.at ?? aAt, pa ? describe(pa) : '(not set)'),
        secondary: side(pb?.at ?? bAt, pb ? describe(pb) : '(not set)'),
      });
    }
    return findings;
  }
}

function describe(p: Parameter): string {
  if (p.key.startsWith('allow-deny ')) return `${p.value} ${p.key.slice('allow-deny '.length)}`;
  if (p.value === 'not') return `not ${p.key}`;
  return p.value === '' ? p.key : `${p.key} ${p.value}`;
}
