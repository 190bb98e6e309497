/**
 * A `failover peer` declaration checked as server/confpars.c
 * parse_failover_peer checks it while it parses.
 */
import type { FailoverPeerStatement } from './ast.js';
import type { Report } from './plan-scope.js';
import type { FailoverPeerPlan, SourceRef } from './types.js';

/** parse_failover_peer: DEFAULT_FAILOVER_PORT when `port` is omitted. */
export const defaultFailoverPort = '647';

/** The plan of a peer's declaration; what dhcpd would refuse goes to `report`. */
export function failoverPeerPlan(
  statement: FailoverPeerStatement,
  at: SourceRef,
  report: Report,
): FailoverPeerPlan {
  // parse_failover_peer: i_am starts as primary, so a block without a role is a primary.
  const peer: FailoverPeerPlan = { name: statement.name, role: 'primary', settings: [], at };
  for (const setting of statement.settings) {
    const settingAt = { file: at.file, line: setting.line };
    if (setting.name === 'primary' || setting.name === 'secondary') {
      peer.role = setting.name;
      if (
        setting.name === 'secondary' &&
        peer.settings.some((s) => s.setting === 'split' || s.setting === 'hba')
      ) {
        report(settingAt, 'secondary may not define load balance settings');
      }
    }
    peer.settings.push({
      name: `${setting.partner ? 'peer ' : ''}${setting.name}`,
      setting: setting.name,
      partner: setting.partner,
      value: setting.value,
      at: settingAt,
    });
    if ((setting.name === 'split' || setting.name === 'hba') && peer.role === 'secondary') {
      report(settingAt, 'secondary may not define load balance settings');
    }
    if (setting.name === 'split' && Number(setting.value) > 256) {
      report(settingAt, 'split must be between 0 and 256, inclusive');
    }
    if (setting.name === 'hba' && setting.value!.split(':').length !== 32) {
      report(settingAt, 'HBA must be exactly 32 bytes');
    }
  }
  const has = (name: string): boolean => peer.settings.some((s) => s.name === name);
  // These checks run after the loop has read the closing `}`: dhcpd's
  // parse_warn names that token's line (seen with dhcpd -t 4.4.3).
  const end = { file: at.file, line: statement.endLine };
  if (!has('peer address')) report(end, 'peer address may not be omitted');
  if (peer.role === 'primary') {
    if (!has('split') && !has('hba')) report(end, 'primary failover server must have hba or split');
    else if (!has('mclt')) report(end, 'primary failover server must have mclt');
  }
  return peer;
}
