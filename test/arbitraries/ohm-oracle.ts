import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';

/** The lead's grammar run by Ohm's own interpreter: the reference the issue names. */
const grammarUrl = new URL('../../grammar/dhcpd-leases.ohm', import.meta.url);

let grammar: ohm.Grammar | null = null;

function load(): ohm.Grammar {
  grammar ??= ohm.grammar(readFileSync(grammarUrl, 'utf8'));
  return grammar;
}

/** Does Ohm's interpreter accept the whole text? (Fine for the small files the arbitraries make.) */
export function ohmAccepts(text: string): boolean {
  return load().match(text).succeeded();
}

/** Ohm's message for a rejected text, for assertion messages. */
export function ohmMessage(text: string): string {
  const result = load().match(text);
  return result.succeeded() ? 'accepted' : ((result as { message?: string }).message ?? 'rejected');
}
