/**
 * Turns an unmodelled statement into a parameter (what it sets, and to
 * what), and says which parameters describe the address plan. The list is
 * the part of dhcpd.conf(5) that decides which address a client may get and
 * for how long; per-server settings (omapi-port, local-address,
 * server-identifier, file names, logging) are deliberately not in it.
 */
import type { OpaqueStatement, PermitStatement } from './ast.js';

/** Parameters compared by `pair` and reported as address-plan differences. */
export const addressRelevantKeys: ReadonlySet<string> = new Set([
  'authoritative',
  'default-lease-time',
  'max-lease-time',
  'min-lease-time',
  'adaptive-lease-time-threshold',
  'dynamic-bootp-lease-cutoff',
  'dynamic-bootp-lease-length',
  'preferred-lifetime',
  'one-lease-per-client',
  'boot-unknown-clients',
  'limit-addrs-per-ia',
  'limit-prefs-per-ia',
  'prefix-length-mode',
  'option subnet-mask',
  'option broadcast-address',
  'option routers',
]);

/** True for parameters that describe which addresses are handed out (including every allow/deny/ignore). */
export function isAddressRelevant(key: string): boolean {
  return key.startsWith('allow-deny ') || addressRelevantKeys.has(key);
}

const optionVerbs = new Set(['option', 'supersede', 'default', 'prepend', 'append']);

/** Joins tokens as a person would write them: no space around `.` `:` `/`, `, ` after commas. */
export function joinTokens(tokens: readonly string[]): string {
  let out = '';
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const tight =
      i === 0 ||
      token === ',' ||
      token === '.' ||
      token === ':' ||
      token === '/' ||
      previous === '.' ||
      previous === ':' ||
      previous === '/';
    out += tight ? token : ` ${token}`;
  });
  return out;
}

export function opaqueParameter(statement: OpaqueStatement): { key: string; value: string } {
  const [head = '', ...rest] = statement.tokens;
  if (statement.block !== null) {
    return { key: `${joinTokens(statement.tokens)} ${statement.block}`, value: '' };
  }
  if (optionVerbs.has(head) && rest.length > 0 && rest[0] !== 'space') {
    const spaced = rest[1] === '.' && rest.length > 2;
    const name = spaced ? `${rest[0]}.${rest[2]}` : rest[0]!;
    const value = joinTokens(rest.slice(spaced ? 3 : 1));
    const prefix = head === 'option' ? '' : `${head} `;
    return { key: `option ${name}`, value: `${prefix}${value}` };
  }
  if (head === 'not' && rest.length > 0) {
    return { key: joinTokens(rest), value: 'not' };
  }
  return { key: head, value: joinTokens(rest) };
}

export function permitParameter(statement: PermitStatement): { key: string; value: string } {
  return { key: `allow-deny ${statement.what}`, value: statement.verb };
}
