import type { Binding, OnEvent, OnHandlers, Statement } from '../types.js';
import { hexColon, quotifyBuf } from './bytes.js';

/** common/print.c indent_spaces: a newline, then `indent` spaces. */
function indentSpaces(indent: number): string {
  return `\n${' '.repeat(indent)}`;
}

/**
 * common/execute.c write_statements for the statements the generators make.
 * Their values are short printable text, so dhcpd's 79-column wrapping
 * (token_print_indent) never triggers and the layout is fixed:
 * `set NAME = "v" ;` (the space before `;` is dhcpd's), `unset NAME ;`,
 * `log (info, "text");`, nested `on A or B { … }`.
 */
export function writeStatements(statements: readonly Statement[], indent: number): string {
  let out = '';
  for (const statement of statements) {
    out += indentSpaces(indent);
    switch (statement.kind) {
      case 'set':
        out += `set ${statement.name} = "${statement.value}" ;`;
        break;
      case 'unset':
        out += `unset ${statement.name} ;`;
        break;
      case 'log':
        out += `log (${statement.priority}, "${statement.text}");`;
        break;
      case 'on':
        out += `on ${orderedEvents(statement.events).join(' or ')} {`;
        out += writeStatements(statement.body, indent + 2);
        out += `${indentSpaces(indent)}}`;
        break;
    }
  }
  return out;
}

/** write_statements prints events in this order whatever order they were given in. */
function orderedEvents(events: readonly OnEvent[]): OnEvent[] {
  return (['expiry', 'commit', 'release'] as const).filter((event) => events.includes(event));
}

/**
 * db.c write_lease / write_ia: `on expiry[ or release] {` at `indent`,
 * statements at indent + 2, then a separate `on release {` when it differs.
 */
export function writeOnHandlers(on: OnHandlers, indent: number): string {
  let out = '';
  const pad = indentSpaces(indent);
  if (on.expiry) {
    out += `${pad}on expiry${on.shared ? ' or release' : ''} {`;
    out += writeStatements(on.expiry, indent + 2);
    out += `${pad}}`;
  }
  if (on.release && !(on.shared && on.expiry)) {
    out += `${pad}on release {`;
    out += writeStatements(on.release, indent + 2);
    out += `${pad}}`;
  }
  return out;
}

/** db.c write_binding_scope: one `set` with `prefix` (a newline and the indent) before it. */
export function writeBinding(binding: Binding, prefix: string, rawHighBytes: boolean): string {
  const { name, value } = binding;
  switch (value.kind) {
    case 'data':
      return `${prefix}set ${name} = ${quotifyBuf(value.bytes, rawHighBytes)};`;
    case 'number':
      return `${prefix}set ${name} = %${value.value};`;
    case 'boolean':
      return `${prefix}set ${name} = ${value.value ? 'true' : 'false'};`;
    case 'hex':
      return `${prefix}set ${name} = ${hexColon(value.bytes)};`;
  }
}
