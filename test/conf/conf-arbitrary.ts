// fast-check generator of dhcpd.conf texts that reach every statement of
// grammar/dhcpd-conf.ohm: the modelled declarations, failover settings, keys,
// permits, subclasses with strings or hex lists, opaque statements with
// nested blocks, in any keyword case, with spaces and comments between
// tokens. Mostly valid; an empty separator now and then fuses two tokens and
// makes a file only the error path can read.
import fc from 'fast-check';

type Tokens = fc.Arbitrary<string[]>;

const one = (token: string): Tokens => fc.constant([token]);
const seq = (...parts: Tokens[]): Tokens => fc.tuple(...parts).map((lists) => lists.flat());
const opt = (part: Tokens): Tokens => fc.option(part, { nil: null }).map((t) => t ?? []);

/** A keyword as dhcpd accepts it: any case. */
const kw = (word: string): Tokens =>
  fc.constantFrom(word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)).map((w) => [w]);

const wordArb = fc.stringMatching(/^[A-Za-z0-9-][A-Za-z0-9_-]{0,7}$/);
const word: Tokens = wordArb.map((w) => [w]);
const hostName: Tokens = fc
  .tuple(
    fc.array(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,5}$/), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([labels, dot]) => [labels.join('.') + (dot ? '.' : '')]);

const stringChar = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-zA-Z0-9 ;{}#=.-]$/), weight: 8 },
  fc.constantFrom('\\"', '\\\\', '\\101', '\\x41', '\\n', '\\t', '\\q', '\u00e9'),
);
const quoted: Tokens = fc
  .array(stringChar, { maxLength: 6 })
  .map((chars) => [`"${chars.join('')}"`]);
const numberArb: Tokens = fc.integer({ min: 0, max: 70000 }).map((n) => [String(n)]);
const octet = fc.integer({ min: 0, max: 255 });
/** Dotted IPv4, now and then with space between its tokens (conflex.c allows it). */
const ip4: Tokens = fc
  .tuple(fc.array(octet, { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([o, spaced]) =>
    spaced ? o.flatMap((x, i) => (i ? ['.', String(x)] : [String(x)])) : [o.join('.')],
  );
const ip6: Tokens = fc
  .constantFrom(
    'fd00::1',
    'FD00:0:0:100::',
    '::1',
    'fe80::1:2',
    '2001:db8::',
    'fd00::1ff',
    '::ffff:1.2.3.4',
  )
  .map((a) => [a]);
const hexList: Tokens = fc
  .array(fc.stringMatching(/^[0-9a-fA-F]{1,2}$/), { minLength: 1, maxLength: 6 })
  .map((bytes) => [bytes.join(':')]);
const ipOrHostName: Tokens = fc.oneof(ip4, hostName);

const opaqueToken: Tokens = fc.oneof(
  word,
  quoted,
  fc.constantFrom('=', '!', ',', '(', ')', '.', '_x', '\u00e9', '&&').map((p) => [p]),
);
const opaqueBlock: Tokens = fc.letrec<{ block: string[]; item: string[] }>((tie) => ({
  block: seq(
    one('{'),
    fc.array(tie('item'), { maxLength: 4 }).map((x) => x.flat()),
    one('}'),
  ),
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    opaqueToken,
    one(';'),
    tie('block'),
  ),
})).block;

const failoverSetting: Tokens = fc.oneof(
  kw('primary'),
  kw('secondary'),
  seq(kw('address'), ipOrHostName),
  seq(kw('port'), numberArb),
  seq(kw('load'), kw('balance'), kw('max'), kw('seconds'), numberArb),
  seq(kw('split'), numberArb),
  seq(kw('hba'), hexList),
  seq(
    fc
      .constantFrom(
        'max-response-delay',
        'max-unacked-updates',
        'max-lease-misbalance',
        'max-lease-ownership',
        'max-balance',
        'min-balance',
        'auto-partner-down',
        'mclt',
      )
      .chain(kw),
    numberArb,
  ),
);
const failoverParameter: Tokens = seq(opt(kw('peer')), failoverSetting, one(';'));

/** Statements that hold no block of statements. */
const leafStatement: Tokens = fc.oneof(
  seq(kw('include'), quoted, one(';')),
  seq(kw('range'), opt(kw('dynamic-bootp')), ip4, opt(ip4), one(';')),
  seq(
    kw('range6'),
    ip6,
    fc.oneof(seq(one('/'), numberArb, opt(kw('temporary'))), kw('temporary'), ip6),
    one(';'),
  ),
  seq(kw('prefix6'), ip6, ip6, one('/'), numberArb, one(';')),
  seq(
    kw('failover'),
    kw('peer'),
    fc.oneof(quoted, word),
    fc.oneof(
      one(';'),
      seq(kw('state'), opaqueBlock),
      seq(
        one('{'),
        fc.array(failoverParameter, { maxLength: 5 }).map((x) => x.flat()),
        one('}'),
      ),
    ),
  ),
  seq(kw('no'), kw('failover'), kw('peer'), one(';')),
  seq(
    kw('key'),
    fc.oneof(quoted, hostName),
    one('{'),
    fc
      .array(
        fc.oneof(
          seq(kw('algorithm'), hostName, one(';')),
          seq(
            kw('secret'),
            fc.array(opaqueToken, { minLength: 1, maxLength: 3 }).map((x) => x.flat()),
            one(';'),
          ),
        ),
        { maxLength: 3 },
      )
      .map((x) => x.flat()),
    one('}'),
    opt(one(';')),
  ),
  seq(
    fc.constantFrom('allow', 'deny', 'ignore').chain(kw),
    fc.oneof(
      kw('unknown-clients'),
      seq(kw('members'), kw('of'), quoted),
      fc.array(opaqueToken, { minLength: 1, maxLength: 3 }).map((x) => x.flat()),
    ),
    one(';'),
  ),
  seq(
    kw('hardware'),
    fc.constantFrom('ethernet', 'Token-Ring', 'fddi').chain(kw),
    hexList,
    one(';'),
  ),
  seq(
    kw('fixed-address'),
    fc
      .array(ipOrHostName, { minLength: 1, maxLength: 3 })
      .map((list) => list.flatMap((a, i) => (i ? [',', ...a] : a))),
    one(';'),
  ),
  seq(
    kw('fixed-address6'),
    fc
      .array(ip6, { minLength: 1, maxLength: 3 })
      .map((list) => list.flatMap((a, i) => (i ? [',', ...a] : a))),
    one(';'),
  ),
  seq(
    fc
      .constantFrom(
        'option',
        'authoritative',
        'default-lease-time',
        'if',
        'else',
        'ddns-update-style',
      )
      .chain(kw),
    fc.array(opaqueToken, { maxLength: 4 }).map((x) => x.flat()),
    fc.oneof(one(';'), opaqueBlock),
  ),
);

/** Statements of at most `depth` nested blocks of statements. */
function statementArb(depth: number): Tokens {
  if (depth === 0) return leafStatement;
  const inner = statementArb(depth - 1);
  const block = seq(
    one('{'),
    fc.array(inner, { maxLength: 3 }).map((x) => x.flat()),
    one('}'),
  );
  return fc.oneof(
    { arbitrary: leafStatement, weight: 6 },
    seq(kw('shared-network'), fc.oneof(quoted, hostName), block),
    seq(kw('subnet'), ip4, kw('netmask'), ip4, block),
    seq(kw('subnet6'), ip6, one('/'), numberArb, block),
    seq(kw('pool'), block),
    seq(kw('pool6'), block),
    seq(kw('host'), hostName, block),
    seq(kw('group'), opt(fc.oneof(quoted, word)), block),
    seq(fc.constantFrom('class', 'vendor-class', 'user-class').chain(kw), quoted, block),
    seq(kw('subclass'), quoted, fc.oneof(quoted, hexList), fc.oneof(one(';'), block)),
  );
}

const separator = fc.oneof(
  { arbitrary: fc.constant(' '), weight: 20 },
  {
    arbitrary: fc.constantFrom('\n', '\t', '  ', '\r\n', ' # note { ; "\n', '\x0b\x0c'),
    weight: 5,
  },
  { arbitrary: fc.constant(''), weight: 1 },
);

/** A dhcpd.conf text: statements joined by generated space, comments and now and then nothing. */
export const confTextArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(statementArb(3), { maxLength: 6 }).map((x) => x.flat()),
    fc.array(separator, { minLength: 1, maxLength: 40 }),
    fc.constantFrom('', '\n', '# end\n', '  '),
  )
  .map(([tokens, separators, tail]) => {
    let text = '';
    tokens.forEach((token, i) => {
      text += (i === 0 ? '' : separators[i % separators.length]!) + token;
    });
    return text + tail;
  });
