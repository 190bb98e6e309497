/**
 * Do the two configurations' failover peer blocks mirror each other? Peer
 * by peer (by name): one primary and one secondary; each side's `address`
 * and `port` equal to the other's `peer address` and `peer port`; `mclt`,
 * `split` and `hba` only on the primary; the same timing parameters.
 */
import { defaultFailoverPort } from '../conf/build.js';
import type { AddressPlan, FailoverPeerPlan, FailoverPeerSettingPlan } from '../conf/types.js';
import { declaredInOneFile, side } from './sides.js';
import type { PairFinding } from './types.js';

/** parse_failover_peer's defaults (includes/failover.h) for settings both peers should agree on. */
const timingDefaults: Record<string, string> = {
  'max-response-delay': '20',
  'max-unacked-updates': '100',
  'max-lease-misbalance': '15',
  'max-lease-ownership': '10',
  'max-balance': '3600',
  'min-balance': '60',
  'auto-partner-down': '0',
  'load balance max seconds': '0',
};

/** How messages name the two sides: by role, or (roles not telling) by the order given. */
export type SideNames = readonly [string, string];

export function compareFailover(
  primary: AddressPlan,
  secondary: AddressPlan,
  names: SideNames = ["primary's", "secondary's"],
): PairFinding[] {
  const findings: PairFinding[] = [];
  const peerNames = [
    ...new Set([...primary.failoverPeers, ...secondary.failoverPeers].map((p) => p.name)),
  ];
  for (const name of peerNames) {
    const a = primary.failoverPeers.find((p) => p.name === name);
    const b = secondary.failoverPeers.find((p) => p.name === name);
    if (!a || !b) {
      const label = `failover peer "${name}"`;
      findings.push(
        declaredInOneFile(
          'failover',
          'failover-peer-missing',
          label,
          a,
          b,
          () => `${label} { ... }`,
        ),
      );
      continue;
    }
    findings.push(...comparePeer(name, a, b, names));
  }
  return findings;
}

function comparePeer(
  name: string,
  a: FailoverPeerPlan,
  b: FailoverPeerPlan,
  names: SideNames,
): PairFinding[] {
  const findings: PairFinding[] = [];
  const label = `failover peer "${name}"`;
  const roleAt = (p: FailoverPeerPlan) =>
    setting(p, 'primary')?.at ?? setting(p, 'secondary')?.at ?? p.at;
  if (a.role === b.role) {
    findings.push({
      area: 'failover',
      code: 'failover-roles',
      // dhcpd -t accepts each file and names no line; running, the peers never
      // reach normal (seen with 4.4.3: two primaries log "Failover CONNECTACK
      // from NAME: already connected", two secondaries "failover: link startup
      // timeout", both stay in recover).
      message: `${label}: both files declare ${a.role === 'primary' ? 'primary (two primaries)' : 'secondary (two secondaries)'}; one must be primary and the other secondary (dhcpd -t accepts each file; running, the peers never reach normal: ${a.role === 'primary' ? '"Failover CONNECTACK from NAME: already connected"' : '"failover: link startup timeout"'}, both stay in recover)`,
      primary: side(roleAt(a), roleText(a)),
      secondary: side(roleAt(b), roleText(b)),
    });
  }
  // Each side's own address/port must be what the other calls its peer's.
  for (const [mine, theirs, mineIsPrimaryFile] of [
    [a, b, true],
    [b, a, false],
  ] as const) {
    for (const what of ['address', 'port'] as const) {
      const own = setting(mine, what);
      const partner = setting(theirs, `peer ${what}`);
      const ownValue = own?.value ?? (what === 'port' ? defaultFailoverPort : null);
      const partnerValue = partner?.value ?? (what === 'port' ? defaultFailoverPort : null);
      if (ownValue === partnerValue) continue;
      if (what === 'address' && ownValue === null) continue; // dhcpd derives its own address; nothing to compare.
      const ownSide = side(
        own?.at ?? mine.at,
        own ? `${what} ${own.value}` : describeMissing(what),
      );
      const partnerSide = side(
        partner?.at ?? theirs.at,
        partner ? `peer ${what} ${partner.value}` : describeMissing(`peer ${what}`),
      );
      findings.push({
        area: 'failover',
        code: `failover-${what}`,
        message: `${label}: the ${names[mineIsPrimaryFile ? 0 : 1]} ${what} is not the ${names[mineIsPrimaryFile ? 1 : 0]} peer ${what}`,
        primary: mineIsPrimaryFile ? ownSide : partnerSide,
        secondary: mineIsPrimaryFile ? partnerSide : ownSide,
      });
    }
  }
  // mclt, split and hba belong on the primary only (dhcpd refuses split/hba on a secondary).
  for (const [p, isPrimaryFile] of [
    [a, true],
    [b, false],
  ] as const) {
    const other = isPrimaryFile ? b : a;
    for (const what of ['mclt', 'split', 'hba'] as const) {
      const found = setting(p, what);
      if (p.role === 'secondary' && found) {
        const here = side(found.at, `${what} ${found.value} (on the secondary)`);
        const there = side(
          setting(other, what)?.at ?? other.at,
          setting(other, what) ? `${what} ${setting(other, what)!.value}` : '(not set)',
        );
        findings.push({
          area: 'failover',
          code: 'failover-secondary-load-balance',
          message: `${label}: ${what} belongs on the primary only`,
          primary: isPrimaryFile ? here : there,
          secondary: isPrimaryFile ? there : here,
        });
      }
    }
  }
  // Timing parameters: the same on both sides (dhcpd's defaults where omitted);
  // `peer X` on one side describes the other side's X.
  for (const what of Object.keys(timingDefaults)) {
    const sa = setting(a, what);
    const sb = setting(b, what);
    const va = sa?.value ?? timingDefaults[what]!;
    const vb = sb?.value ?? timingDefaults[what]!;
    if (va !== vb) {
      findings.push({
        area: 'failover',
        code: 'failover-timing',
        message: `${label}: ${what} differs`,
        primary: side(sa?.at ?? a.at, sa ? `${what} ${va}` : `(not set: ${va})`),
        secondary: side(sb?.at ?? b.at, sb ? `${what} ${vb}` : `(not set: ${vb})`),
      });
    }
    for (const [p, other, isPrimaryFile] of [
      [a, b, true],
      [b, a, false],
    ] as const) {
      const partnerSetting = setting(p, `peer ${what}`);
      if (!partnerSetting) continue;
      const otherSetting = setting(other, what);
      const otherValue = otherSetting?.value ?? timingDefaults[what]!;
      if (partnerSetting.value === otherValue) continue;
      const here = side(partnerSetting.at, `peer ${what} ${partnerSetting.value}`);
      const there = side(
        otherSetting?.at ?? other.at,
        otherSetting ? `${what} ${otherValue}` : `(not set: ${otherValue})`,
      );
      findings.push({
        area: 'failover',
        code: 'failover-timing',
        message: `${label}: peer ${what} on one side is not the other side's ${what}`,
        primary: isPrimaryFile ? here : there,
        secondary: isPrimaryFile ? there : here,
      });
    }
  }
  return findings;
}

/** The last setting of that name (dhcpd keeps the last one written). */
function setting(peer: FailoverPeerPlan, name: string): FailoverPeerSettingPlan | undefined {
  return peer.settings.filter((s) => s.name === name).at(-1);
}

function roleText(peer: FailoverPeerPlan): string {
  return setting(peer, peer.role)
    ? peer.role
    : `${peer.role} (no role written; dhcpd assumes primary)`;
}

function describeMissing(what: string): string {
  return what.endsWith('port') ? `(not set: ${defaultFailoverPort})` : '(not set)';
}
