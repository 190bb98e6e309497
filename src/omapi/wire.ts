/**
 * OMAPI's wire format (ISC DHCP omapip/protocol.c, omapip/buffer.c):
 *
 *   intro   : uint32 protocol version (100), uint32 header size (24), each way
 *   message : header of six uint32 (authid, authlen, op, handle, id, rid),
 *             message name/value list, 0x0000, object name/value list, 0x0000,
 *             `authlen` bytes of signature
 *   pair    : uint16 name length, name, uint32 value length, value
 *
 * All integers are big-endian. The signature is an HMAC over every byte of
 * the message after `authid` (the sender activates its key right after
 * writing authid, and the reader right after reading it) up to the end of
 * the object list.
 */
import { createHmac } from 'node:crypto';
import type { OmapiKey } from './key.js';

export const OMAPI_PROTOCOL_VERSION = 100;
/** sizeof (omapi_protocol_header_t): six uint32. */
export const OMAPI_HEADER_SIZE = 24;
/** HMAC-MD5 digest length: the authenticator length dhcpd announces and expects. */
export const HMAC_MD5_SIGNATURE_LENGTH = 16;

/** includes/omapip/omapip.h OMAPI_OP_*. */
export const OmapiOp = {
  Open: 1,
  Refresh: 2,
  Update: 3,
  Notify: 4,
  Status: 5,
  Delete: 6,
} as const;
export type OmapiOp = (typeof OmapiOp)[keyof typeof OmapiOp];

const opNames: Record<number, string> = {
  1: 'open',
  2: 'refresh',
  3: 'update',
  4: 'notify',
  5: 'status',
  6: 'delete',
};

export function opName(op: number): string {
  return opNames[op] ?? `op ${op}`;
}

/** One name/value pair. Values are untyped bytes on the wire; the object type gives them meaning. */
export interface NameValue {
  name: string;
  value: Buffer;
}

export interface OmapiMessage {
  /** Remote handle of the authenticator that signs the message; 0 when unsigned. */
  authId: number;
  op: number;
  /** Object handle the message is about (0 when none). */
  handle: number;
  /** Transaction id of this message. */
  id: number;
  /** Transaction id this message answers (0 when it is a request). */
  rid: number;
  /** Values about the message itself (`type`, `create`, `result`, `message`…). */
  message: NameValue[];
  /** Values of the object the message carries. */
  object: NameValue[];
}

/** A message as read from the wire, with the bytes its signature covers. */
export interface DecodedMessage extends OmapiMessage {
  authLength: number;
  signature: Buffer;
  /** Bytes 4..end-of-values: what the sender signed. */
  signedBytes: Buffer;
  /** Total length on the wire. */
  length: number;
}

export class OmapiProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OmapiProtocolError';
  }
}

export function encodeIntro(
  version = OMAPI_PROTOCOL_VERSION,
  headerSize = OMAPI_HEADER_SIZE,
): Buffer {
  const intro = Buffer.alloc(8);
  intro.writeUInt32BE(version, 0);
  intro.writeUInt32BE(headerSize, 4);
  return intro;
}

export function decodeIntro(bytes: Buffer): { version: number; headerSize: number } {
  if (bytes.length < 8) throw new OmapiProtocolError('short protocol introduction');
  return { version: bytes.readUInt32BE(0), headerSize: bytes.readUInt32BE(4) };
}

function encodeValues(pairs: readonly NameValue[]): Buffer[] {
  const parts: Buffer[] = [];
  for (const { name, value } of pairs) {
    const nameBytes = Buffer.from(name, 'latin1');
    if (nameBytes.length === 0 || nameBytes.length > 0xffff) {
      throw new OmapiProtocolError(`invalid OMAPI attribute name ${JSON.stringify(name)}`);
    }
    const head = Buffer.alloc(2 + nameBytes.length + 4);
    head.writeUInt16BE(nameBytes.length, 0);
    nameBytes.copy(head, 2);
    head.writeUInt32BE(value.length, 2 + nameBytes.length);
    parts.push(head, value);
  }
  parts.push(Buffer.alloc(2)); // zero-length name ends the list
  return parts;
}

/** HMAC-MD5 of the signed part of a message. */
export function sign(key: OmapiKey, signedBytes: Buffer): Buffer {
  return createHmac('md5', key.secret).update(signedBytes).digest();
}

/** Encodes a message; signs it with `key` (authlen 16) when one is given. */
export function encodeMessage(message: OmapiMessage, key?: OmapiKey): Buffer {
  const header = Buffer.alloc(OMAPI_HEADER_SIZE);
  header.writeUInt32BE(key ? message.authId : 0, 0);
  header.writeUInt32BE(key ? HMAC_MD5_SIGNATURE_LENGTH : 0, 4);
  header.writeUInt32BE(message.op, 8);
  header.writeUInt32BE(message.handle >>> 0, 12);
  header.writeUInt32BE(message.id >>> 0, 16);
  header.writeUInt32BE(message.rid >>> 0, 20);
  const body = Buffer.concat([
    header,
    ...encodeValues(message.message),
    ...encodeValues(message.object),
  ]);
  if (!key) return body;
  return Buffer.concat([body, sign(key, body.subarray(4))]);
}

/**
 * Reads one message from the start of `bytes`. Returns null when more bytes
 * are needed; throws OmapiProtocolError when the bytes cannot be a message.
 * `headerSize` is the size the peer announced (extra header bytes are skipped,
 * as dhcpd does).
 */
export function decodeMessage(
  bytes: Buffer,
  headerSize = OMAPI_HEADER_SIZE,
): DecodedMessage | null {
  if (bytes.length < headerSize) return null;
  const authId = bytes.readUInt32BE(0);
  const authLength = bytes.readUInt32BE(4);
  const op = bytes.readUInt32BE(8);
  const handle = bytes.readUInt32BE(12);
  const id = bytes.readUInt32BE(16);
  const rid = bytes.readUInt32BE(20);
  if (op < OmapiOp.Open || op > OmapiOp.Delete) {
    throw new OmapiProtocolError(`unknown OMAPI opcode ${op}`);
  }
  if (authLength > 1024) {
    throw new OmapiProtocolError(`implausible authenticator length ${authLength}`);
  }
  let at = headerSize;
  const messageValues: NameValue[] = [];
  const objectValues: NameValue[] = [];
  for (const list of [messageValues, objectValues]) {
    for (;;) {
      if (bytes.length < at + 2) return null;
      const nameLength = bytes.readUInt16BE(at);
      at += 2;
      if (nameLength === 0) break;
      if (bytes.length < at + nameLength + 4) return null;
      const name = bytes.toString('latin1', at, at + nameLength);
      at += nameLength;
      const valueLength = bytes.readUInt32BE(at);
      at += 4;
      if (valueLength > 16 * 1024 * 1024) {
        throw new OmapiProtocolError(`implausible value length ${valueLength} for ${name}`);
      }
      if (bytes.length < at + valueLength) return null;
      list.push({ name, value: Buffer.from(bytes.subarray(at, at + valueLength)) });
      at += valueLength;
    }
  }
  if (bytes.length < at + authLength) return null;
  return {
    authId,
    authLength,
    op,
    handle,
    id,
    rid,
    message: messageValues,
    object: objectValues,
    signedBytes: Buffer.from(bytes.subarray(4, at)),
    signature: Buffer.from(bytes.subarray(at, at + authLength)),
    length: at + authLength,
  };
}

/** True when the message carries the signature `key` would give it. */
export function verifySignature(message: DecodedMessage, key: OmapiKey): boolean {
  if (message.authLength !== HMAC_MD5_SIGNATURE_LENGTH) return false;
  return sign(key, message.signedBytes).equals(message.signature);
}

/** Finds a value by name (the first one, as dhcpd's omapi_get_value_str does). */
export function findValue(pairs: readonly NameValue[], name: string): Buffer | undefined {
  return pairs.find((pair) => pair.name === name)?.value;
}
