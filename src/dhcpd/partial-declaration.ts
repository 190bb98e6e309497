import type { DhcpdOutcome } from './outcome.js';
import type { DeclarationKind } from '../model/types.js';
import { formatDhcpdDate } from '../model/dates.js';
import { leaseFate, type KeepsInput, type LeaseFate, type RangeLookup } from './mdb.js';
import { DhcpdLexer, type Token } from './conflex.js';
import { readGroupDeclaration, runOnSnapshot, writtenBackRunningOn } from './confpars-group.js';
import {
  DhcpdFatal,
  parseLeaseDeclaration,
  type LeaseParseResult,
  type ParsedLease,
} from './confpars-lease.js';

/**
 * What dhcpd 4.4 does with the partial last declaration of a lease file:
 * loaded (with which statements, which binding state) or dropped. The
 * statements are fed to a step-by-step model of dhcpd's own parser
 * (confpars-lease.ts), because the answer turns on its error recovery:
 * a lease cut inside `starts` is still loaded (with no start time and a
 * binding state made up from `ends` and the clock), one cut inside its
 * `client-hostname` string or `binding state` keyword is dropped whole.
 */

export interface StatementText {
  /** leasecheck's name for the statement (`starts`, `binding state`, `hardware`, `set`, `on`…). */
  name: string;
  /** Its source text (latin1), as it appears in the file. */
  text: string;
}

export interface PartialDeclarationInput {
  kind: DeclarationKind;
  /** The statements of the partial declaration that were complete, in file order. */
  completeStatements: StatementText[];
  /** The statement the file ends inside, with the text it has; null when the file ends between statements. */
  cutInside: StatementText | null;
  /**
   * The head as far as the file has it (`lease 10.0.0.1 {`). Omitted: a whole
   * head is assumed. A head without its `{` means the cut fell inside it.
   */
  head?: string;
}

export interface PartialPrediction {
  outcome: DhcpdOutcome;
  /** The parser model's details (v4 leases only). */
  parse: LeaseParseResult | null;
  /** What start-up then does with the loaded lease, assuming its address is in a pool without failover (or as `ranges` says). */
  fate: LeaseFate | null;
  /** The parse warnings dhcpd logs for it, in order (message text only). */
  warnings: string[];
  /** False when the kind or a statement in it is only approximately modelled. */
  exact: boolean;
}

/** Statements a lease written by dhcpd normally carries (server/db.c write_lease). */
const usualLeaseFields = [
  'starts',
  'ends',
  'cltt',
  'binding state',
  'next binding state',
  'hardware',
];

/** Predict what dhcpd does with a partial last declaration. `now` is dhcpd's clock. */
export function predictPartialLease(input: PartialDeclarationInput, now: Date): DhcpdOutcome {
  return simulatePartialDeclaration(input, now).outcome;
}

/** The same prediction with the model's working: warnings, the parsed lease, its fate at start-up. */
export function simulatePartialDeclaration(
  input: PartialDeclarationInput,
  now: Date,
  ranges?: RangeLookup,
): PartialPrediction {
  const t = Math.floor(now.getTime() / 1000);
  switch (input.kind) {
    case 'lease':
      return simulateLease(input, t, ranges);
    case 'ia-na':
    case 'ia-ta':
    case 'ia-pd':
      return iaOutcome(input);
    case 'host':
      return hostOutcome(input);
    case 'group':
      return groupOutcome(input);
    default:
      return unmodelled(input);
  }
}

/**
 * The same prediction from what `check` reports of a truncated tail
 * (TruncatedReport): the partial declaration's whole text (`lease … {` and
 * all that follows, to the end of the file), the names of its complete
 * statements and of the statement the file ends inside. For leases only the
 * text matters: the model reads it as dhcpd would; the names label the result.
 */
export function simulatePartialText(
  kind: DeclarationKind,
  text: string,
  now: Date,
  options: { completeStatements?: string[]; cutInside?: string | null; ranges?: RangeLookup } = {},
): PartialPrediction {
  const names = options.completeStatements ?? [];
  const cut = options.cutInside ?? null;
  const input: PartialDeclarationInput = {
    kind,
    head: text,
    completeStatements: names.map((name) => ({ name, text: '' })),
    cutInside: cut === null ? null : { name: cut, text: '' },
  };
  if (kind !== 'lease') {
    return simulatePartialDeclaration(
      { ...input, head: text.slice(0, text.indexOf('{') + 1) || text },
      now,
      options.ranges,
    );
  }
  // The whole text goes to the parser model, exactly as in the file; the names only label the result.
  return simulateLease(
    { kind, head: text, completeStatements: [], cutInside: null },
    Math.floor(now.getTime() / 1000),
    options.ranges,
    input,
  );
}

function allNames(input: PartialDeclarationInput): string[] {
  const names = input.completeStatements.map((s) => s.name);
  if (input.cutInside) names.push(input.cutInside.name);
  return unique(names);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * dhcpd drops the whole partial declaration: every statement of it is
 * missing. `parse`: the parser model's result (v4 leases), null where there
 * is none; `exact`: whether the outcome is modelled exactly.
 */
function dropped(
  labels: PartialDeclarationInput,
  explanation: string,
  parse: LeaseParseResult | null,
  exact = parse === null || !parse.approximate,
): PartialPrediction {
  return {
    outcome: {
      action: 'dropped',
      bindingState: null,
      fields: [],
      missing: allNames(labels),
      explanation,
    },
    parse,
    fate: null,
    warnings: parse?.warnings ?? [],
    exact,
  };
}

/** The end of an explanation the parser model only approximates: which construct, and why. */
function approximation(parse: LeaseParseResult): string {
  return parse.approximations.length > 0
    ? ` This is approximate: the partial lease has ${parse.approximations.join('; and ')}.`
    : '';
}

function headComplete(input: PartialDeclarationInput): boolean {
  return input.head === undefined || input.head.includes('{');
}

function simulateLease(
  input: PartialDeclarationInput,
  now: number,
  ranges?: RangeLookup,
  /** Statement names to report when `input` carries the text in its head only. */
  labels: PartialDeclarationInput = input,
): PartialPrediction {
  // Rebuild the text after the `lease` keyword, remembering where each statement starts.
  let head = input.head ?? 'lease 0.0.0.0 {';
  head = head.replace(/^\s*lease\b/i, '');
  const spans: Array<{ start: number; end: number; name: string }> = [];
  let text = head;
  const add = (s: StatementText): void => {
    text += '\n';
    spans.push({ start: text.length, end: text.length + s.text.length, name: s.name });
    text += s.text;
  };
  if (headComplete(input)) {
    input.completeStatements.forEach(add);
    if (input.cutInside) add(input.cutInside);
  }
  const nameAt = (offset: number, fallback: string): string =>
    spans.find((s) => offset >= s.start && offset < s.end)?.name ?? fallback;

  let parse: LeaseParseResult;
  try {
    parse = parseLeaseDeclaration(text, now);
  } catch (e) {
    if (!(e instanceof DhcpdFatal)) throw e;
    return dropped(labels, `dhcpd does not start: ${e.message}.`, null);
  }
  const cutName = labels.cutInside?.name ?? null;

  if (parse.result === 'dropped' || !parse.lease) {
    // Outside every statement's span is the head, when the statements have spans; with the
    // whole text in the head (simulatePartialText), the failure is taken to be in the cut one.
    const outside = spans.length > 0 ? 'head' : (cutName ?? 'head');
    const culprit = parse.failedAt === null ? cutName : nameAt(parse.failedAt, outside);
    return dropped(
      labels,
      `dhcpd drops the partial lease ("possibly corrupt lease file")` +
        `${culprit ? ` at its ${culprit === 'head' ? 'head' : `\`${culprit}\``}` : ''}: ${parse.reason ?? 'it gives up'}; ` +
        'an earlier declaration of the address, if any, stays in effect.' +
        approximation(parse),
      parse,
    );
  }

  const lease = parse.lease;
  const fields = unique(parse.stored.map((s) => nameAt(s.offset, s.name)));
  // A cut statement dhcpd kept part of is listed in `fields` (and described), not in `missing`.
  const cutKept = cutName !== null && fields.includes(cutName);
  const missing = unique([
    ...(cutName !== null && !cutKept ? [cutName] : []),
    ...usualLeaseFields.filter(
      (f) => !fields.includes(f) && !(f === 'next binding state' && lease.bindingStateMadeUp),
    ),
  ]);

  // The address as dhcpd read it, not as the head's text spells it: a comment may hold
  // another address before it, and an octet above 255 keeps its low 8 bits (10.0.1.300
  // is 10.0.1.44), so the range it is looked up in is dhcpd's. Without a head (the
  // parser read a stand-in) the address is unknown, and not looked up.
  const address = input.head === undefined ? null : lease.address;
  const fate = leaseFate(keepsInputFromParsedLease(lease, address), now, ranges);

  const partialNotes = parse.stored.filter((s) => s.partial && s.note).map((s) => s.note);
  const withText =
    `with ${fields.length ? fields.join(', ') : 'no statements'}` +
    `${partialNotes.length ? ` (${partialNotes.join('; ')})` : ''}` +
    `${missing.length ? ` but without ${missing.join(', ')}` : ''}`;
  const endsText =
    lease.ends === 0
      ? 'it has no `ends`'
      : lease.ends === Infinity
        ? 'its `ends` is never'
        : `its \`ends\` ${formatDhcpdDate(lease.ends)} is ${lease.ends > now ? 'after' : 'not after'} now`;
  const loadedAs = lease.bindingStateMadeUp
    ? `dhcpd loads the partial lease ${withText}, and makes up its binding state: ${lease.bindingState}, as ${endsText}`
    : lease.bindingState === null
      ? `dhcpd loads the partial lease ${withText}, in state 0 (it read \`binding\` but no state), which it can never queue or write`
      : `dhcpd loads the partial lease as ${lease.bindingState} ${withText}`;
  const after = !fate.inRange
    ? ', then drops it: its address is in no configured range ("no subnet")'
    : lease.bindingState === null
      ? ''
      : fate.state !== fate.loadedState
        ? `; at start-up it moves to ${fate.state} and is ${fate.written ? '' : 'not '}written back`
        : fate.written
          ? ''
          : lease.nextBindingState === null
            ? '; its next binding state is 0 (a `next` statement dhcpd refused came before its `binding state`), and as its `ends` is not after now, start-up moves it to that state, which dhcpd cannot queue or write ("Lease with bogus binding state: 0")'
            : '; being free with no hardware address, uid or tsfp, it is not written back';
  const explanation = `${loadedAs}${after}; it replaces any earlier declaration of the address.${approximation(parse)}`;

  return {
    outcome: { action: 'loaded', bindingState: lease.bindingState, fields, missing, explanation },
    parse,
    fate,
    warnings: parse.warnings,
    exact: !parse.approximate,
  };
}

/**
 * parse_ia_na/ta/pd_declaration: at end of file inside an IA, dhcpd warns
 * "corrupt lease file; …" and returns before entering the IA, so the partial
 * IA never replaces an earlier one. (Addresses of `iaaddr` blocks that were
 * complete are still added to their pool: a half state this model only names.)
 */
function iaOutcome(input: PartialDeclarationInput): PartialPrediction {
  const closedAddr = input.completeStatements.some((s) => /^ia(addr|prefix)\b/.test(s.name));
  return dropped(
    input,
    'dhcpd never enters a partial IA: at the end of the file it warns "corrupt lease file" and returns, so an earlier declaration of this IA stays in effect' +
      (closedAddr ? ' (its complete iaaddr/iaprefix blocks are still added to their pools)' : '') +
      '.',
    null,
    false,
  );
}

/**
 * parse_host_declaration: a partial host whose head was read is entered
 * with the statements parse_statement accepted ("unexpected end of file"),
 * or deleted when `deleted;` was read. The cut statement's fate is not modelled.
 */
function hostOutcome(input: PartialDeclarationInput): PartialPrediction {
  if (!headComplete(input)) {
    return dropped(input, 'dhcpd drops a host declaration cut before its `{`.', null, false);
  }
  const fields = unique(input.completeStatements.map((s) => s.name));
  const deleted = fields.includes('deleted');
  return {
    outcome: {
      action: 'loaded',
      bindingState: null,
      fields,
      missing: input.cutInside ? [input.cutInside.name] : [],
      explanation: deleted
        ? 'dhcpd reads the partial host and, since it says `deleted;`, deletes the host of that name.'
        : `dhcpd enters the partial host with ${fields.length ? fields.join(', ') : 'no statements'}${
            input.cutInside
              ? ` (what it keeps of the cut \`${input.cutInside.name}\` is not modelled)`
              : ''
          }.`,
    },
    parse: null,
    fate: null,
    warnings: ['unexpected end of file'],
    exact: false,
  };
}

/**
 * parse_group_declaration (confpars-group.ts): at the end of the file it
 * warns "unexpected end of file" and enters the group, with the flags it
 * read and the statements that ended. A dynamic group without statements it
 * writes back as `group NAME {` `dynamic;` `}`, which it reads without its
 * end: the start after that loses every lease.
 */
function groupOutcome(input: PartialDeclarationInput): PartialPrediction {
  const reading = readGroupDeclaration(input.head ?? '');
  if (!reading.opened) {
    return dropped(input, 'dhcpd drops a group declaration cut before its `{`.', null);
  }
  const name = reading.name ?? '';
  const flags = [...reading.flags];
  const fields = [
    ...flags,
    ...(reading.statements > 0 ? [`${reading.statements} statement(s)`] : []),
  ];
  const entered = reading.flags.has('deleted')
    ? `dhcpd reads the partial group and, since it says \`deleted;\`, deletes group ${name}`
    : `dhcpd enters the partial group ${name} with ${fields.length > 0 ? fields.join(', ') : 'nothing in it'}`;
  return {
    outcome: {
      action: 'loaded',
      bindingState: null,
      fields: flags,
      missing: input.cutInside ? [input.cutInside.name] : [],
      explanation: writtenBackRunningOn(reading)
        ? `${entered}; ${runOnSnapshot(name)}. Remove the partial group.`
        : `${entered}.`,
    },
    parse: null,
    fate: null,
    warnings: ['unexpected end of file'],
    exact: true,
  };
}

function unmodelled(input: PartialDeclarationInput): PartialPrediction {
  return dropped(
    input,
    `leasecheck does not model what dhcpd does with a partial ${input.kind} declaration; treat it as lost.`,
    null,
    false,
  );
}

/** A lease as dhcpd parsed it, as the input of the start-up model. */
export function keepsInputFromParsedLease(lease: ParsedLease, key: string | null): KeepsInput {
  return {
    kind: 'lease',
    key,
    bindingState: lease.bindingStateMadeUp ? null : lease.bindingState,
    nextBindingState: lease.bindingStateMadeUp ? null : lease.nextBindingState,
    ends: lease.ends,
    hardware: lease.hardware ? 'present' : null,
    uid: lease.uid,
    tsfp: lease.tsfp,
    onExpiryOrRelease: lease.onExpiry || lease.onRelease,
    reserved: lease.reserved,
    stateZero: !lease.bindingStateMadeUp && lease.bindingState === null,
    nextStateZero:
      !lease.bindingStateMadeUp && lease.bindingState !== null && lease.nextBindingState === null,
  };
}

/**
 * The loaded partial lease as a KeepsInput, to feed predictWrittenLeases in
 * place of the partial declaration (null when dhcpd drops it, in which case
 * the address's previous declaration stays effective).
 */
export function keepsInputFromPartial(
  prediction: PartialPrediction,
  key: string | null,
): KeepsInput | null {
  const lease = prediction.parse?.lease;
  if (!lease || prediction.outcome.action !== 'loaded') return null;
  return keepsInputFromParsedLease(lease, key);
}

/** Declarations whose statements dhcpd reads with parse_statement (a host, group or class body). */
const statementBodies: ReadonlySet<DeclarationKind> = new Set([
  'host',
  'group',
  'class',
  'subclass',
]);

/**
 * parse_statement's warning at the end of a host, group, class or subclass
 * cut right after `delete`, the start of `deleted;`: the lexer reads the cut
 * word as the keyword `delete`, which no statement starts with, so dhcpd
 * warns "expecting a parameter or declaration" having only peeked at it: the
 * warning names the token before, the end of the line before (dhcpd -T
 * shows it; its "unexpected end of file" follows on the cut line). Of the
 * words dhcpd writes in these bodies, `deleted` is the only one with a
 * keyword as a proper prefix. Returns the offset in `text` of the token the
 * warning names, or null.
 */
export function cutBodyWarning(kind: DeclarationKind | null, text: string): number | null {
  if (kind === null || !statementBodies.has(kind)) return null;
  const lx = new DhcpdLexer(text);
  let before = -1;
  let last: Token | null = null;
  let opened = false;
  try {
    for (let t = lx.next(); t.kind !== 'END_OF_FILE'; t = lx.next()) {
      if (t.kind === '{') opened = true;
      before = last?.offset ?? -1;
      last = t;
    }
  } catch (e) {
    if (!(e instanceof DhcpdFatal)) throw e;
    return null;
  }
  return opened && last?.kind === 'TOKEN_DELETE' && before >= 0 ? before : null;
}
