/**
 * Hosts, classes, subclasses and named groups: they decide which client
 * may use which pool (`members of`, `known-clients`) or which fixed address
 * it gets, so both peers must declare them alike.
 */
import type { AddressPlan } from '../conf/types.js';
import type { ParameterComparer } from './parameters.js';
import { declaredInOneFile, side } from './sides.js';
import type { PairFinding } from './types.js';

export function compareDeclarations(
  a: AddressPlan,
  b: AddressPlan,
  parameters: ParameterComparer,
): PairFinding[] {
  const findings: PairFinding[] = [];
  for (const name of new Set([...a.hosts, ...b.hosts].map((h) => h.name))) {
    const ha = a.hosts.filter((h) => h.name === name).at(-1);
    const hb = b.hosts.filter((h) => h.name === name).at(-1);
    const label = `host ${name}`;
    if (!ha || !hb) {
      findings.push(declaredInOneFile('host', 'host-missing', label, ha, hb));
      continue;
    }
    if (ha.hardware !== hb.hardware) {
      findings.push({
        area: 'host',
        code: 'host-hardware',
        message: `${label}: hardware differs`,
        primary: side(ha.at, ha.hardware ?? '(none)'),
        secondary: side(hb.at, hb.hardware ?? '(none)'),
      });
    }
    const fa = [...ha.fixedAddresses].sort().join(', ');
    const fb = [...hb.fixedAddresses].sort().join(', ');
    if (fa !== fb) {
      findings.push({
        area: 'host',
        code: 'host-fixed-address',
        message: `${label}: fixed-address differs`,
        primary: side(ha.at, fa || '(none)'),
        secondary: side(hb.at, fb || '(none)'),
      });
    }
    findings.push(...parameters.compare(label, ha.parameters, ha.at, hb.parameters, hb.at));
  }
  for (const name of new Set([...a.classes, ...b.classes].map((c) => c.name))) {
    const ca = a.classes.filter((c) => c.name === name);
    const cb = b.classes.filter((c) => c.name === name);
    const label = `class "${name}"`;
    const ta = ca.flatMap((c) => c.statements).join('; ');
    const tb = cb.flatMap((c) => c.statements).join('; ');
    if (ca.length === 0 || cb.length === 0 || ta !== tb) {
      findings.push({
        area: 'class',
        code: ca.length === 0 || cb.length === 0 ? 'class-missing' : 'class-statements',
        message:
          ca.length === 0 || cb.length === 0
            ? `${label} is declared in only one of the files`
            : `${label}: its statements differ`,
        primary: ca[0] ? side(ca[0].at, ta || '(empty)') : null,
        secondary: cb[0] ? side(cb[0].at, tb || '(empty)') : null,
      });
    }
  }
  const subclassKey = (s: { className: string; value: string }) =>
    `subclass "${s.className}" ${s.value}`;
  const sa = new Map(a.subclasses.map((s) => [subclassKey(s), s]));
  const sb = new Map(b.subclasses.map((s) => [subclassKey(s), s]));
  for (const key of new Set([...sa.keys(), ...sb.keys()])) {
    if (sa.has(key) && sb.has(key)) continue;
    findings.push(declaredInOneFile('class', 'subclass-missing', key, sa.get(key), sb.get(key)));
  }
  for (const name of new Set([...a.groups, ...b.groups].map((g) => g.name))) {
    const ga = a.groups.find((g) => g.name === name);
    const gb = b.groups.find((g) => g.name === name);
    if (ga && gb) continue;
    findings.push(declaredInOneFile('group', 'group-missing', `group "${name}"`, ga, gb));
  }
  return findings;
}
