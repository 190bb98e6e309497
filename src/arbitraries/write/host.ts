import type { GroupRecord, HostRecord } from '../types.js';
import { hexColon, isPrintable, latin1 } from './bytes.js';

/** write_statements for a supersede option statement at indent 8 (a host's or group's own statements). */
function supersedes(statements: HostRecord['statements']): string {
  return statements.map((s) => `\n        supersede ${s.option} = "${s.value}";`).join('');
}

/**
 * server/db.c write_host: `host NAME {`, `dynamic;`, then either `deleted;`
 * or hardware, uid (raw between quotes when printable and free of `"` and
 * `\`, else `%2.2x` hex: db_printable_len), fixed-address, group, statements.
 */
export function writeHost(host: HostRecord): string {
  let out = `host ${host.name} {`;
  if (host.dynamic) out += '\n  dynamic;';
  if (host.deleted) return `${out}\n  deleted;\n}`;
  if (host.hardware) out += `\n  hardware ${host.hardware.type} ${hexColon(host.hardware.bytes)};`;
  if (host.uid) {
    const printable = host.uid.every((b) => isPrintable(b) && b !== 0x22 && b !== 0x5c);
    out += printable ? `\n  uid "${latin1(host.uid)}";` : `\n  uid ${hexColon(host.uid)};`;
  }
  if (host.fixedAddresses.length > 0) out += `\n  fixed-address ${host.fixedAddresses.join(',')};`;
  if (host.group !== null) out += `\n  group "${host.group}";`;
  out += supersedes(host.statements);
  return `${out}\n}`;
}

/** server/db.c write_group: `group NAME {`, `dynamic;`, `static;`, then `deleted;` or the statements. */
export function writeGroup(group: GroupRecord): string {
  let out = `group ${group.name} {`;
  if (group.dynamic) out += '\n  dynamic;';
  if (group.static) out += '\n  static;';
  if (group.deleted) out += '\n  deleted;';
  else out += supersedes(group.statements);
  return `${out}\n}`;
}
