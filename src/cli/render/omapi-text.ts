import type { OmapiAttributes } from '../../omapi/types.js';
import { paint, type CliIo } from '../io.js';

function formatValue(value: OmapiAttributes[string]): string {
  if (value === null || value === undefined) return '-';
  return String(value);
}

/** One OMAPI object as `omapi get` prints it: its type and id, then a name/value line per attribute. */
export function renderOmapiObject(
  io: CliIo,
  type: string,
  id: string,
  attributes: OmapiAttributes,
): string {
  const names = Object.keys(attributes);
  const width = Math.max(0, ...names.map((name) => name.length));
  const lines = [paint(io, 'bold', `${type} ${id}`)];
  for (const name of names) {
    lines.push(`  ${name.padEnd(width)}  ${formatValue(attributes[name])}`);
  }
  return `${lines.join('\n')}\n`;
}
