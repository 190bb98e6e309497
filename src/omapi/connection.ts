/**
 * One OMAPI connection to dhcpd: start-up (protocol version and header size
 * exchange, omapip/protocol.c omapi_protocol_send_intro), opening the named
 * authenticator (the first message, unsigned, as dhcpctl does), then signed
 * request/reply pairs matched by transaction id. Every wait has a timeout;
 * every failure becomes a LeasecheckError (exit 8) that says what to check.
 */
import { randomInt } from 'node:crypto';
import { Socket } from 'node:net';
import { LeasecheckError } from '../errors.js';
import { HMAC_MD5_ALGORITHM_NAME, type OmapiKey } from './key.js';
import { DhcpResult, IscResult, resultText } from './results.js';
import type { OmapiConnectOptions } from './types.js';
import { stringValue } from './values.js';
import {
  OMAPI_HEADER_SIZE,
  OMAPI_PROTOCOL_VERSION,
  OmapiOp,
  OmapiProtocolError,
  decodeIntro,
  decodeMessage,
  encodeIntro,
  encodeMessage,
  findValue,
  opName,
  verifySignature,
  type DecodedMessage,
  type NameValue,
} from './wire.js';

export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The most bytes of one message leasecheck waits for. dhcpd's objects (a
 * lease, a host, a failover state) are a few kilobytes; a server that sends
 * more without ending the message is not dhcpd, and the bytes it sends would
 * otherwise be held (and decoded again with every chunk) until the timeout.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** dhcpd answered a request with a non-success status message. */
export class OmapiStatusError extends LeasecheckError {
  constructor(
    readonly result: number,
    readonly serverMessage: string | null,
    context: string,
  ) {
    super(
      `${context}: dhcpd says ${resultText(result)}${serverMessage ? ` (${serverMessage})` : ''}`,
    );
    this.name = 'OmapiStatusError';
  }
}

/** The reply to a request: an update carrying the object, or a success status. */
export interface OmapiReply {
  op: number;
  /** Handle of the object on the server (update replies). */
  handle: number;
  object: NameValue[];
  message: NameValue[];
}

interface Pending {
  resolve(reply: DecodedMessage): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  what: string;
}

function describeSocketError(error: NodeJS.ErrnoException, where: string): LeasecheckError {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new LeasecheckError(
        `cannot connect to OMAPI at ${where}: connection refused (is dhcpd running there with \`omapi-port\` set to this port?)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new LeasecheckError(`cannot connect to OMAPI at ${where}: unknown host`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new LeasecheckError(`cannot connect to OMAPI at ${where}: no route to host`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new LeasecheckError(`OMAPI at ${where}: dhcpd reset the connection`);
    default:
      return new LeasecheckError(`OMAPI at ${where}: ${error.message}`);
  }
}

export class OmapiConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private headerSize = OMAPI_HEADER_SIZE;
  private introduced = false;
  private introWaiter: { resolve(): void; reject(e: Error): void } | null = null;
  private readonly pending = new Map<number, Pending>();
  /** dhcpctl starts from random(); any 31-bit value works, 0 means "no id". */
  private nextId = randomInt(1, 0x7fffffff);
  /** Remote handle of our authenticator once dhcpd accepted it; messages are signed from then on. */
  private authId = 0;
  private failure: LeasecheckError | null = null;
  private closedByUs = false;
  /** The request in flight: the next one is written only after it settles (see send). */
  private inFlight: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly socket: Socket,
    readonly host: string,
    readonly port: number,
    readonly where: string,
    private readonly key: OmapiKey | undefined,
    readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.fail(describeSocketError(error, where)),
    );
    socket.on('close', () => {
      if (!this.closedByUs) {
        this.fail(new LeasecheckError(`OMAPI at ${where}: dhcpd closed the connection`));
      }
    });
  }

  /** Connects, exchanges the protocol introduction and, with a key, opens the authenticator. */
  static async connect(options: OmapiConnectOptions): Promise<OmapiConnection> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const where = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
    const socket = new Socket();
    const connection = new OmapiConnection(
      socket,
      options.host,
      options.port,
      where,
      options.key,
      timeoutMs,
    );
    try {
      await connection.withTimeout(
        new Promise<void>((resolve, reject) => {
          connection.introWaiter = { resolve, reject };
          socket.connect({ host: options.host, port: options.port }, () => {
            socket.setNoDelay(true);
            socket.write(encodeIntro());
          });
        }),
        `no OMAPI introduction from ${where} within ${timeoutMs / 1000} s (is it dhcpd's omapi-port?)`,
      );
      if (options.key) await connection.openAuthenticator(options.key);
      return connection;
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  private async openAuthenticator(key: OmapiKey): Promise<void> {
    let reply: DecodedMessage;
    try {
      reply = await this.send(
        {
          op: OmapiOp.Open,
          handle: 0,
          message: [{ name: 'type', value: stringValue('authenticator') }],
          object: [
            { name: 'name', value: stringValue(key.name) },
            { name: 'algorithm', value: stringValue(HMAC_MD5_ALGORITHM_NAME) },
          ],
        },
        `opening key ${key.name}`,
        false,
      );
    } catch (error) {
      if (error instanceof OmapiStatusError && error.result === IscResult.NotFound) {
        throw new LeasecheckError(
          `OMAPI at ${this.where}: dhcpd does not know an hmac-md5 key named ${JSON.stringify(key.name)} (it needs \`key ${key.name} { … }\` and \`omapi-key ${key.name};\` in dhcpd.conf)`,
        );
      }
      throw error;
    }
    if (reply.op !== OmapiOp.Update || reply.handle === 0) {
      throw new LeasecheckError(
        `OMAPI at ${this.where}: unexpected ${opName(reply.op)} reply while opening key ${key.name}`,
      );
    }
    this.authId = reply.handle;
  }

  /**
   * Sends one request and resolves with dhcpd's reply. A status reply with a
   * result other than success rejects with OmapiStatusError.
   */
  async request(
    request: { op: number; handle: number; message: NameValue[]; object: NameValue[] },
    what: string,
    timeoutMs = this.timeoutMs,
  ): Promise<OmapiReply> {
    const reply = await this.send(request, what, true, timeoutMs);
    return { op: reply.op, handle: reply.handle, object: reply.object, message: reply.message };
  }

  /**
   * One request at a time per connection, as omshell does. **Seen** with
   * dhcpd 4.4.3-P1: 64 signed requests written back to back make it abort
   * (`dst_api.c:353: REQUIRE(dctxp != NULL && *dctxp == NULL) failed`): its
   * buffer code (omapip/buffer.c copyin/copyout) keeps SIG_MODE_INIT set when
   * one value spans two input or output buffers, and recreates a live HMAC
   * context. Pipelining would crash the server we are checking.
   */
  private send(
    request: { op: number; handle: number; message: NameValue[]; object: NameValue[] },
    what: string,
    signed: boolean,
    timeoutMs = this.timeoutMs,
  ): Promise<DecodedMessage> {
    const result = this.inFlight.then(() => this.sendNow(request, what, signed, timeoutMs));
    this.inFlight = result.catch(() => undefined);
    return result;
  }

  private sendNow(
    request: { op: number; handle: number; message: NameValue[]; object: NameValue[] },
    what: string,
    signed: boolean,
    timeoutMs: number,
  ): Promise<DecodedMessage> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId;
    this.nextId = this.nextId >= 0x7fffffff ? 1 : this.nextId + 1;
    const useKey = signed && this.key && this.authId !== 0 ? this.key : undefined;
    const bytes = encodeMessage({ ...request, authId: this.authId, id, rid: 0 }, useKey);
    return new Promise<DecodedMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new LeasecheckError(
            `OMAPI at ${this.where}: no reply to ${what} within ${timeoutMs / 1000} s`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, what });
      this.socket.write(bytes);
    }).then((reply) => this.checkReply(reply, what));
  }

  private checkReply(reply: DecodedMessage, what: string): DecodedMessage {
    if (reply.op === OmapiOp.Status) {
      const resultBytes = findValue(reply.message, 'result');
      const result = resultBytes?.length === 4 ? resultBytes.readUInt32BE(0) : IscResult.Unexpected;
      if (result !== IscResult.Success) {
        const text = findValue(reply.message, 'message')?.toString('latin1') ?? null;
        if (result === DhcpResult.InvalidKey || result === DhcpResult.KeyUnknown) {
          throw new LeasecheckError(
            `OMAPI at ${this.where}: dhcpd rejected the signature of key ${JSON.stringify(this.key?.name)}: the secret differs from dhcpd's (${resultText(result)})`,
          );
        }
        if (result === DhcpResult.NoKeys && !this.key) {
          throw new LeasecheckError(
            `OMAPI at ${this.where}: dhcpd requires a key (${text ?? resultText(result)}); give --key NAME:SECRET or --key-file`,
          );
        }
        throw new OmapiStatusError(result, text, `OMAPI at ${this.where}: ${what}`);
      }
    }
    // Replies to signed requests come signed with the same key; one that does not verify
    // means the key we hold is not the server's.
    if (this.key && this.authId !== 0 && reply.authId !== 0 && !verifySignature(reply, this.key)) {
      throw new LeasecheckError(
        `OMAPI at ${this.where}: the reply to ${what} is not signed with key ${JSON.stringify(this.key.name)}'s secret: the secret differs from dhcpd's`,
      );
    }
    return reply;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      if (!this.introduced) {
        if (this.buffer.length < 8) return;
        const intro = decodeIntro(this.buffer);
        this.buffer = this.buffer.subarray(8);
        if (intro.version !== OMAPI_PROTOCOL_VERSION) {
          throw new OmapiProtocolError(
            `protocol version ${intro.version}, expected ${OMAPI_PROTOCOL_VERSION} (is this dhcpd's omapi-port?)`,
          );
        }
        if (intro.headerSize < OMAPI_HEADER_SIZE || intro.headerSize > 4096) {
          throw new OmapiProtocolError(`implausible header size ${intro.headerSize}`);
        }
        this.headerSize = intro.headerSize;
        this.introduced = true;
        this.introWaiter?.resolve();
        this.introWaiter = null;
      }
      for (;;) {
        const message = decodeMessage(this.buffer, this.headerSize);
        if (!message) {
          if (this.buffer.length > MAX_MESSAGE_BYTES) {
            throw new OmapiProtocolError(
              `a message longer than ${MAX_MESSAGE_BYTES / (1024 * 1024)} MiB: not dhcpd's OMAPI`,
            );
          }
          return;
        }
        this.buffer = this.buffer.subarray(message.length);
        this.dispatch(message);
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.fail(new LeasecheckError(`OMAPI at ${this.where}: ${text}`));
      this.socket.destroy();
    }
  }

  private dispatch(message: DecodedMessage): void {
    const pending = this.pending.get(message.rid);
    // Messages that answer nothing we asked (rid 0, or a request already timed out) are ignored.
    if (!pending) return;
    this.pending.delete(message.rid);
    clearTimeout(pending.timer);
    pending.resolve(message);
  }

  private fail(error: LeasecheckError): void {
    if (this.failure) return;
    this.failure = error;
    this.introWaiter?.reject(error);
    this.introWaiter = null;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(
        new LeasecheckError(`${error.message} while waiting for the reply to ${pending.what}`),
      );
    }
  }

  private async withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LeasecheckError(message)), this.timeoutMs);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the connection; pending requests fail. */
  close(): void {
    this.closedByUs = true;
    this.fail(new LeasecheckError(`OMAPI at ${this.where}: connection closed`));
    this.socket.destroy();
  }
}
