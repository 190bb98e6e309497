/**
 * A stand-in for `checkLeaseFile` on files written the way dhcpd writes them,
 * so that the repair pipeline can be tested before (and independently of) the
 * real checker. It is NOT a lease-file parser: it only tracks braces, strings
 * and comments, which is all dhcpd-written test files need.
 */
import { readFileSync } from 'node:fs';
import type { CheckReport } from '../../../src/check/types.js';
import type { BindingState, DeclarationKind } from '../../../src/model/types.js';
import { declarationKinds } from '../../../src/model/types.js';
import { statementName } from '../../../src/dhcpd/statement-name.js';

interface Decl {
  offset: number;
  end: number | null;
  line: number;
  kind: DeclarationKind | null;
  key: string | null;
  statements: string[];
  bindingState: BindingState | null;
}

function kindOf(head: string): DeclarationKind | null {
  const words = head.trim().split(/\s+/);
  switch (words[0]) {
    case 'lease':
      return 'lease';
    case 'ia-na':
      return 'ia-na';
    case 'host':
      return 'host';
    case 'failover':
      return 'failover-state';
    case 'server-duid':
      return 'server-duid';
    case 'authoring-byte-order':
      return 'authoring-byte-order';
    default:
      return null;
  }
}

export function scanDecls(text: string): Decl[] {
  const decls: Decl[] = [];
  let current: Decl | null = null;
  let depth = 0;
  let inString = false;
  let inComment = false;
  let line = 1;
  let stmtStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inComment) {
      if (c === '\n') inComment = false;
      continue;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '#') {
      inComment = true;
      continue;
    }
    if (!current) {
      if (/\s/.test(c)) continue;
      current = {
        offset: i,
        end: null,
        line,
        kind: null,
        key: null,
        statements: [],
        bindingState: null,
      };
      depth = 0;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      depth++;
      if (depth === 1) {
        const head = text.slice(current.offset, i);
        current.kind = kindOf(head);
        current.key = head.trim().split(/\s+/)[1] ?? null;
        stmtStart = i + 1;
      }
    } else if (c === '}') {
      depth--;
      if (depth === 1) {
        current.statements.push(statementName(text.slice(stmtStart, i)));
        stmtStart = i + 1;
      }
      if (depth === 0) {
        current.end = i + 1;
        decls.push(current);
        current = null;
      }
    } else if (c === ';') {
      if (depth === 0) {
        current.kind = kindOf(text.slice(current.offset, i));
        current.end = i + 1;
        decls.push(current);
        current = null;
      } else if (depth === 1) {
        const st = text.slice(stmtStart, i);
        const name = statementName(st);
        current.statements.push(name);
        if (name === 'binding state')
          current.bindingState = st.trim().split(/\s+/)[2] as BindingState;
        stmtStart = i + 1;
      }
    }
  }
  if (current) decls.push(current);
  return decls;
}

export async function fakeCheck(path: string, options: { now?: Date } = {}): Promise<CheckReport> {
  const bytes = readFileSync(path);
  const text = bytes.toString('latin1');
  const decls = scanDecls(text);
  const declarations = Object.fromEntries(declarationKinds.map((k) => [k, 0])) as Record<
    DeclarationKind,
    number
  >;
  const last = new Map<string, Decl>();
  let partial: Decl | null = null;
  for (const d of decls) {
    if (d.end === null) {
      partial = d;
      continue;
    }
    if (d.kind) declarations[d.kind]++;
    if (d.kind === 'lease' && d.key) last.set(d.key, d);
  }
  const byState: Partial<Record<BindingState, number>> = {};
  for (const d of last.values())
    if (d.bindingState) byState[d.bindingState] = (byState[d.bindingState] ?? 0) + 1;
  const previous = partial?.key ? last.get(partial.key) : undefined;
  return {
    file: path,
    bytes: bytes.length,
    verdict: partial ? 'truncated-tail' : 'clean',
    problems: partial
      ? [
          {
            code: 'truncated-tail',
            severity: 'error',
            line: text.split('\n').length,
            column: 1,
            offset: bytes.length,
            message: 'the file ends inside a declaration',
          },
        ]
      : [],
    problemsTruncated: false,
    declarations,
    leases: { distinct: last.size, byState },
    ia: { distinct: 0, addresses: 0, byState: {} },
    failover: [],
    writer: { version: null },
    timeFormat: 'utc',
    truncated: partial
      ? {
          offset: partial.offset,
          line: partial.line,
          kind: partial.kind ?? (text.startsWith('lease', partial.offset) ? 'lease' : null),
          key: partial.key ?? text.slice(partial.offset).split(/\s+/)[1] ?? null,
          length: bytes.length - partial.offset,
          text: text.slice(partial.offset, partial.offset + 4096),
          completeStatements: partial.statements,
          cutInside: null,
          previous: previous
            ? {
                offset: previous.offset,
                line: previous.line,
                bindingState: previous.bindingState,
                ends: null,
                hardware: null,
                uid: null,
                starts: null,
              }
            : null,
          dhcpd: {
            action: 'dropped',
            bindingState: null,
            fields: [],
            missing: [],
            explanation: '(fake check)',
          },
        }
      : null,
    now: (options.now ?? new Date()).toISOString(),
  };
}

/** A lease file as dhcpd writes it: header, then `count` leases, each on 10 lines. */
export function leaseFile(
  count: number,
  options: { finalNewline?: boolean; seed?: number } = {},
): string {
  let text =
    '# The format of this file is documented in the dhcpd.leases(5) manual page.\n' +
    '# This lease file was written by isc-dhcp-4.4.3-P1\n\n' +
    '# authoring-byte-order entry is generated, DO NOT DELETE\n' +
    'authoring-byte-order little-endian;\n\n';
  for (let i = 0; i < count; i++) {
    const ip = `10.0.${(i >> 8) & 255}.${i & 255}`;
    const mac = `00:0c:01:02:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    const state = (i + (options.seed ?? 0)) % 3 === 0 ? 'free' : 'active';
    text +=
      `lease ${ip} {\n  starts 6 2026/11/28 12:55:18;\n  ends 6 2026/11/28 13:05:18;\n` +
      `  cltt 6 2026/11/28 12:55:18;\n  binding state ${state};\n  next binding state free;\n` +
      `  rewind binding state free;\n  hardware ethernet ${mac};\n  uid "\\001\\000\\014\\001\\002\\003${i % 10}";\n}\n`;
  }
  return options.finalNewline === false ? text.replace(/\n$/, '') : text;
}

export const fakeDeps = {
  check: fakeCheck,
  list: async (path: string) => {
    const text = readFileSync(path).toString('latin1');
    const last = new Map<string, string>();
    let declarations = 0;
    for (const d of scanDecls(text)) {
      if (d.end === null) continue;
      declarations++;
      if (d.key) last.set(`${d.kind} ${d.key}`, text.slice(d.offset, d.end));
    }
    return { declarations, last };
  },
};
