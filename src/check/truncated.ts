import { lastMatch, matchRule, skipSpaces } from '../grammar/lease-engine.js';
import { declarationFromEvents } from '../model/from-events.js';
import {
  keepsInputFromPartial,
  simulatePartialDeclaration,
  type StatementText,
} from '../dhcpd/partial-declaration.js';
import type { KeepsInput, RangeLookup } from '../dhcpd/mdb.js';
import { endedByPartial, partialIaEffect } from '../dhcpd/partial-ia.js';
import { statementName } from '../dhcpd/statement-name.js';
import type { Declaration } from '../model/types.js';
import type { ScanFailure } from '../scan/index.js';
import { leaseAddressAsRead } from './dhcpd-reading.js';
import type { TruncatedReport } from './types.js';

/**
 * Describes the partial last declaration of a truncated file: which of its
 * statements are complete and which one the file ends inside, found by
 * matching the grammar's own statement rules one after another.
 */

const MAX_TEXT = 4096;

interface PartialAnalysis {
  head: string;
  key: string | null;
  complete: StatementText[];
  cutInside: StatementText | null;
}

/** Splits a partial lease or IA into its complete statements and the one it ends inside. */
export function analysePartial(failure: ScanFailure): PartialAnalysis {
  const text = failure.text;
  const headRule =
    failure.kind === 'lease' ? 'LeaseHead' : failure.kind?.startsWith('ia-') ? 'IaHead' : null;
  if (headRule === null) {
    return { head: text, key: null, complete: [], cutInside: null };
  }
  const headEnd = matchRule(headRule, text, 0);
  if (headEnd < 0) {
    return { head: text, key: null, complete: [], cutInside: null };
  }
  const head = declarationFromEvents(text, 0, headEnd, failure.offset, failure.line);
  // A lease is dhcpd's under the address it reads (10.0.0.300 is 10.0.0.44): the
  // earlier copy it replaces, and the one --config's prediction replaces, are that one's.
  const key =
    headRule === 'LeaseHead' && head.key !== null
      ? (leaseAddressAsRead(head.key)?.address ?? head.key)
      : head.key;
  const statementRule = headRule === 'LeaseHead' ? 'LeaseStatement' : 'IaStatement';
  const complete: StatementText[] = [];
  let pos = headEnd;
  for (;;) {
    const start = skipSpaces(text, pos);
    if (start >= text.length)
      return { head: text.slice(0, headEnd), key, complete, cutInside: null };
    const end = matchRule(statementRule, text, start);
    if (end < 0) {
      const rest = text.slice(start);
      return {
        head: text.slice(0, headEnd),
        key,
        complete,
        cutInside: { name: statementName(rest), text: rest },
      };
    }
    const statement = text.slice(start, end);
    complete.push({ name: statementName(statement), text: statement });
    pos = end;
  }
}

export function describeTruncation(
  failure: ScanFailure,
  findPrevious: (kind: ScanFailure['kind'], key: string) => Declaration | null,
  now: Date,
  ranges?: RangeLookup,
): { report: TruncatedReport; keeps: KeepsInput | null } {
  const partial = analysePartial(failure);
  const previous = partial.key === null ? null : findPrevious(failure.kind, partial.key);
  const kind = failure.kind;
  const simulation =
    kind === null
      ? null
      : simulatePartialDeclaration(
          {
            kind,
            completeStatements: partial.complete,
            cutInside: partial.cutInside,
            head: partial.head,
          },
          now,
          ranges,
        );
  const dhcpd =
    simulation === null
      ? {
          action: 'dropped' as const,
          bindingState: null,
          fields: [],
          missing: [],
          explanation:
            'dhcpd does not recognise the start of this declaration: it logs "Corrupt lease file - possible data loss!" and skips it.',
        }
      : simulation.outcome;
  if (kind === 'ia-na' || kind === 'ia-ta' || kind === 'ia-pd') {
    const effect = partialIaEffect(kind, previous?.source ?? null, failure.text);
    const ended = endedByPartial(effect);
    if (ended.length > 0 && previous)
      dhcpd.explanation = partialIaEnds(kind, previous, ended, effect.damaged);
  }
  const report: TruncatedReport = {
    offset: failure.offset,
    line: failure.line,
    kind,
    key: partial.key,
    length: failure.length,
    text: failure.text.slice(0, MAX_TEXT),
    completeStatements: partial.complete.map((s) => s.name),
    cutInside: partial.cutInside?.name ?? null,
    previous: previous
      ? {
          offset: previous.offset,
          line: previous.line,
          bindingState: previous.bindingState,
          ends: previous.ends,
          starts: previous.starts,
          hardware: previous.hardware,
          uid: previous.uid,
        }
      : null,
    dhcpd,
  };
  return { report, keeps: simulation ? keepsInputFromPartial(simulation, partial.key) : null };
}

/**
 * The partial copy of an IA ends bindings of its earlier copy (partial-ia.ts):
 * say what dhcpd keeps, not that the earlier copy stays in effect.
 */
function partialIaEnds(
  kind: string,
  previous: Declaration,
  ended: string[],
  kept: string[],
): string {
  const what = kind === 'ia-pd' ? 'iaprefix' : 'iaaddr';
  return (
    `dhcpd never enters a partial IA (at the end of the file it warns "corrupt lease file" and returns), ` +
    `but it applies each complete ${what} block as it reads it: here they end the earlier copy's (line ${previous.line}) ` +
    `binding of ${ended.join(', ')}, so dhcpd keeps ${kept.length > 0 ? `the earlier copy with only ${kept.join(', ')}` : 'no binding for this IA'}; ` +
    `removing the partial copy would bring ${ended.length === 1 ? 'that binding' : 'those bindings'} back.`
  );
}

/**
 * Re-reads one whole declaration at a known offset (the earlier one of a
 * truncated key), with its text as `source` (a partial IA is read after it).
 */
export function declarationAt(
  readAt: (offset: number, length: number) => string,
  offset: number,
  line: number,
): Declaration | null {
  for (let length = 4096; length <= 1 << 24; length *= 4) {
    const text = readAt(offset, length);
    const end = matchRule('Declaration', text, 0);
    if (end >= 0) {
      const d = declarationFromEvents(text, 0, end, offset, line);
      d.source = text.slice(0, end);
      d.sourceOffset = offset;
      return d;
    }
    if (!lastMatch.examinedEnd || text.length < length) return null;
  }
  return null;
}
