import type { IaRecord } from '../types.js';
import type { WriteOptions } from './lease.js';
import { formatLeaseId } from './bytes.js';
import { printTime } from './time.js';
import { writeBinding, writeOnHandlers } from './statements.js';

/**
 * server/db.c write_ia: `ia-na ID {\n`, `  cltt DATE\n`, each address as
 * `  iaaddr A {\n` (or `  iaprefix A/N {\n`) with binding state,
 * preferred-life, max-life and `ends` (no newline after it: bindings and
 * `on` handlers put theirs before them), then `\n  }\n`; finally `}`.
 */
export function writeIa(ia: IaRecord, options: WriteOptions): string {
  let out = `${ia.kind} ${formatLeaseId(ia.iaidDuid, options.leaseIdFormat, options.rawHighBytes)} {\n`;
  if (ia.cltt !== null) out += `  cltt ${printTime(ia.cltt, options.timeFormat)}\n`;
  for (const a of ia.addresses) {
    out +=
      ia.kind === 'ia-pd'
        ? `  iaprefix ${a.address}/${a.prefixLength ?? 64} {\n`
        : `  iaaddr ${a.address} {\n`;
    out += `    binding state ${a.bindingState};\n`;
    out += `    preferred-life ${a.preferredLife};\n`;
    out += `    max-life ${a.maxLife};\n`;
    out += `    ends ${printTime(a.ends, options.timeFormat)}`;
    for (const binding of a.bindings) out += writeBinding(binding, '\n    ', options.rawHighBytes);
    out += writeOnHandlers(a.on, 4);
    out += '\n  }\n';
  }
  return `${out}}`;
}
