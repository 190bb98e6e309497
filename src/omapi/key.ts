/**
 * The named HMAC-MD5 key OMAPI messages are signed with, given as
 * `NAME:BASE64SECRET` or read from dhcpd's own `key NAME { algorithm
 * hmac-md5; secret "…"; }` syntax (server/confpars.c parse_key, which reads
 * the secret with parse_base64: quoted or bare pieces up to the `;`).
 */
import { LeasecheckError } from '../errors.js';

export interface OmapiKey {
  /** The key's name as dhcpd knows it (`key NAME` / `omapi-key NAME;`). */
  name: string;
  /** The decoded secret bytes. */
  secret: Buffer;
  /** Always hmac-md5: the only algorithm dhcpd's OMAPI listener is documented to accept. */
  algorithm: 'hmac-md5';
}

/** The algorithm name dhcpd expects in the authenticator object (omapip/isclib.h DHCP_HMAC_MD5_NAME). */
export const HMAC_MD5_ALGORITHM_NAME = 'hmac-md5.SIG-ALG.REG.INT.';

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeSecret(text: string, where: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || !base64Pattern.test(compact) || compact.length % 4 === 1) {
    throw new LeasecheckError(`${where}: the key secret is not base64`, 16);
  }
  return Buffer.from(compact, 'base64');
}

/** Parses `--key NAME:BASE64SECRET` (the name may itself contain colons; base64 never does). */
export function parseKeyOption(text: string): OmapiKey {
  const colon = text.lastIndexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw new LeasecheckError(
      `--key ${JSON.stringify(text)}: expected NAME:BASE64SECRET (the key's name in dhcpd.conf, a colon, its secret)`,
      16,
    );
  }
  return {
    name: text.slice(0, colon),
    secret: decodeSecret(text.slice(colon + 1), '--key'),
    algorithm: 'hmac-md5',
  };
}

type Token = { kind: 'word' | 'string' | 'punct'; text: string; line: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (c === '\n') {
      line++;
      at++;
    } else if (/\s/.test(c)) {
      at++;
    } else if (c === '#') {
      while (at < text.length && text[at] !== '\n') at++;
    } else if (c === '"') {
      let end = at + 1;
      let value = '';
      while (end < text.length && text[end] !== '"') {
        if (text[end] === '\\' && end + 1 < text.length) end++;
        if (text[end] === '\n') line++;
        value += text[end];
        end++;
      }
      tokens.push({ kind: 'string', text: value, line });
      at = end + 1;
    } else if (c === '{' || c === '}' || c === ';') {
      tokens.push({ kind: 'punct', text: c, line });
      at++;
    } else {
      let end = at;
      while (end < text.length && !/[\s{};"#]/.test(text[end]!)) end++;
      tokens.push({ kind: 'word', text: text.slice(at, end), line });
      at = end;
    }
  }
  return tokens;
}

interface KeyStatement {
  name: string;
  algorithm: string | null;
  secret: string | null;
  line: number;
}

function keyStatements(tokens: Token[]): { keys: KeyStatement[]; omapiKey: string | null } {
  const keys: KeyStatement[] = [];
  let omapiKey: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') continue;
    if (token.text === 'omapi-key' && tokens[i + 1] && tokens[i + 1]!.kind !== 'punct') {
      omapiKey = tokens[i + 1]!.text;
      continue;
    }
    if (token.text !== 'key') continue;
    const name = tokens[i + 1];
    if (!name || name.kind === 'punct' || tokens[i + 2]?.text !== '{') continue;
    const key: KeyStatement = { name: name.text, algorithm: null, secret: null, line: token.line };
    let j = i + 3;
    while (j < tokens.length && tokens[j]!.text !== '}') {
      const statement: Token[] = [];
      while (j < tokens.length && tokens[j]!.text !== ';' && tokens[j]!.text !== '}') {
        statement.push(tokens[j]!);
        j++;
      }
      if (tokens[j]?.text === ';') j++;
      const [head, ...rest] = statement;
      if (head?.text === 'algorithm') key.algorithm = rest.map((t) => t.text).join('');
      if (head?.text === 'secret') key.secret = rest.map((t) => t.text).join('');
    }
    keys.push(key);
    i = j;
  }
  return { keys, omapiKey };
}

/**
 * Reads a key from text in dhcpd.conf syntax: a file holding just the `key`
 * statement, or a whole dhcpd.conf. With several keys, `name` chooses; else
 * the one `omapi-key` names; else the only one.
 */
export function parseKeyFile(text: string, path: string, name?: string): OmapiKey {
  const { keys, omapiKey } = keyStatements(tokenize(text));
  if (keys.length === 0) {
    throw new LeasecheckError(
      `${path}: no \`key NAME { algorithm hmac-md5; secret "…"; }\` statement found`,
      16,
    );
  }
  const wanted = name ?? omapiKey;
  let key: KeyStatement | undefined;
  if (wanted !== null && wanted !== undefined) {
    key = keys.find((k) => k.name === wanted);
    if (!key) throw new LeasecheckError(`${path}: no key named ${JSON.stringify(wanted)}`, 16);
  } else if (keys.length === 1) {
    key = keys[0]!;
  } else {
    throw new LeasecheckError(
      `${path}: ${keys.length} keys (${keys.map((k) => k.name).join(', ')}); choose one with --key-name`,
      16,
    );
  }
  const where = `${path} line ${key.line}, key ${key.name}`;
  const algorithm = (key.algorithm ?? 'hmac-md5').toLowerCase().replace(/\.$/, '');
  if (algorithm !== 'hmac-md5' && algorithm !== 'hmac-md5.sig-alg.reg.int') {
    throw new LeasecheckError(
      `${where}: algorithm ${key.algorithm} is not supported; leasecheck signs OMAPI messages with hmac-md5`,
      16,
    );
  }
  if (key.secret === null) throw new LeasecheckError(`${where}: no secret`, 16);
  return { name: key.name, secret: decodeSecret(key.secret, where), algorithm: 'hmac-md5' };
}
