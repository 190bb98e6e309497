import type { ClassRecord, SubclassRecord } from '../types.js';
import { hexColon, isPrintable, latin1 } from './bytes.js';

/**
 * server/db.c write_named_billing_class for a class: `class "NAME" {\n`,
 * `  dynamic;` or `  deleted;`, `  lease limit N;`, `  match if EXPR;`, a
 * submatch (`  match ` then, because write_expression starts a compound
 * expression on a new line, the expression indented by five), `}`.
 */
export function writeClass(cls: ClassRecord): string {
  let out = `class "${cls.name}" {\n`;
  out += cls.deleted ? '  deleted;\n' : '  dynamic;\n';
  if (cls.leaseLimit !== null) out += `  lease limit ${cls.leaseLimit};\n`;
  if (cls.matchVendor !== null)
    out += `  match if option vendor-class-identifier = "${cls.matchVendor}";\n`;
  if (cls.submatchCircuitId) out += '  match \n     option agent.circuit-id;\n';
  return `${out}}`;
}

/** The same writer for a spawned subclass: `subclass "SUPER" HASH {` (print_hash_string). */
export function writeSubclass(sub: SubclassRecord): string {
  const hash = sub.hash.every(isPrintable) ? `"${latin1(sub.hash)}"` : hexColon(sub.hash);
  return `subclass "${sub.superclass}" ${hash} {\n${sub.deleted ? '  deleted;\n' : '  dynamic;\n'}}`;
}
