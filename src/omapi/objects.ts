/**
 * The objects leasecheck reads from dhcpd over OMAPI, opened the way
 * omshell's `new TYPE; set KEY = …; open` does (dhcpctl/remote.c
 * dhcpctl_open_object: op open, `type` in the message values, lookup keys
 * in the object values), and the graceful shutdown `omshell` performs with
 * `new control; open; set state = 2; update` (common/comapi.c).
 */
import { createConnection } from 'node:net';
import { LeasecheckError } from '../errors.js';
import { OmapiConnection, OmapiStatusError } from './connection.js';
import { DhcpResult, IscResult } from './results.js';
import type {
  OmapiAttributes,
  OmapiConnectOptions,
  OmapiFailoverState,
  OmapiHost,
  OmapiLease,
} from './types.js';
import { decodeAttributes, ipv4Value, stringValue, uint32Value } from './values.js';
import { OmapiOp, type NameValue } from './wire.js';

export interface OpenedObject {
  type: string;
  /** The object's handle on the server, for refresh/update/delete. */
  handle: number;
  attributes: OmapiAttributes;
}

/** Opens an object by lookup keys; null when dhcpd has no object matching them. */
export async function openObject(
  connection: OmapiConnection,
  type: string,
  keys: NameValue[],
  description: string,
): Promise<OpenedObject | null> {
  try {
    const reply = await connection.request(
      {
        op: OmapiOp.Open,
        handle: 0,
        message: [{ name: 'type', value: stringValue(type) }],
        object: keys,
      },
      `open ${description}`,
    );
    if (reply.op !== OmapiOp.Update) {
      throw new LeasecheckError(
        `OMAPI at ${connection.where}: open ${description}: expected an update reply, got op ${reply.op}`,
      );
    }
    return { type, handle: reply.handle, attributes: decodeAttributes(type, reply.object) };
  } catch (error) {
    // NOTFOUND: no such object. NOKEYS: the keys matched nothing dhcpd can search by.
    if (
      error instanceof OmapiStatusError &&
      (error.result === IscResult.NotFound || error.result === DhcpResult.NoKeys)
    ) {
      return null;
    }
    throw error;
  }
}

/** Reads an open object's current values again (op refresh). */
export async function refreshObject(
  connection: OmapiConnection,
  object: OpenedObject,
): Promise<OpenedObject> {
  const reply = await connection.request(
    { op: OmapiOp.Refresh, handle: object.handle, message: [], object: [] },
    `refresh ${object.type}`,
  );
  return { ...object, attributes: decodeAttributes(object.type, reply.object) };
}

/** Sets values on an open object (op update); resolves when dhcpd reports success. */
export async function updateObject(
  connection: OmapiConnection,
  object: Pick<OpenedObject, 'type' | 'handle'>,
  values: NameValue[],
  timeoutMs?: number,
): Promise<void> {
  await connection.request(
    { op: OmapiOp.Update, handle: object.handle, message: [], object: values },
    `update ${object.type}`,
    timeoutMs,
  );
}

/** Deletes an open object (op delete), as omshell's `remove` does. */
export async function deleteObject(
  connection: OmapiConnection,
  object: Pick<OpenedObject, 'type' | 'handle'>,
): Promise<void> {
  await connection.request(
    { op: OmapiOp.Delete, handle: object.handle, message: [], object: [] },
    `delete ${object.type}`,
  );
}

export async function getLease(
  connection: OmapiConnection,
  address: string,
): Promise<OmapiLease | null> {
  const object = await openObject(
    connection,
    'lease',
    [{ name: 'ip-address', value: ipv4Value(address) }],
    `lease ${address}`,
  );
  return object ? (object.attributes as OmapiLease) : null;
}

export async function getFailoverState(
  connection: OmapiConnection,
  peer: string,
): Promise<OmapiFailoverState | null> {
  const object = await openObject(
    connection,
    'failover-state',
    [{ name: 'name', value: stringValue(peer) }],
    `failover-state ${JSON.stringify(peer)}`,
  );
  return object ? (object.attributes as OmapiFailoverState) : null;
}

export async function getHost(
  connection: OmapiConnection,
  name: string,
): Promise<OmapiHost | null> {
  const object = await openObject(
    connection,
    'host',
    [{ name: 'name', value: stringValue(name) }],
    `host ${JSON.stringify(name)}`,
  );
  return object ? (object.attributes as OmapiHost) : null;
}

/** common/comapi.c dhcp_set_control_state: 2 is server_shutdown. */
const CONTROL_STATE_SHUTDOWN = 2;

/** How long to wait for dhcpd to acknowledge the shutdown before looking at its listener instead. */
const SHUTDOWN_REPLY_MS = 1500;

/** True when nothing accepts connections at host:port any more. */
function listenerClosed(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (closed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(closed);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(false));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
  });
}

/**
 * Asks dhcpd to shut down gracefully (common/comapi.c: control state 2;
 * server/dhcpd.c dhcp_io_shutdown_countdown closes its OMAPI listener, then
 * its connections, moves failover peers to `shutdown`, and exits 0).
 * **Seen** with 4.4.3-P1: dhcpd starts the shutdown inside the update and
 * sends no reply, and it waits for OMAPI connections to close. So when no
 * reply comes, the connection is closed and the shutdown counts as accepted
 * once the OMAPI port refuses new connections.
 */
export async function shutdownServer(connection: OmapiConnection): Promise<void> {
  const control = await openObject(connection, 'control', [], 'control');
  if (!control) {
    throw new LeasecheckError(`OMAPI at ${connection.where}: dhcpd has no control object`);
  }
  try {
    await updateObject(
      connection,
      control,
      [{ name: 'state', value: uint32Value(CONTROL_STATE_SHUTDOWN) }],
      Math.min(SHUTDOWN_REPLY_MS, connection.timeoutMs),
    );
  } catch (error) {
    if (error instanceof OmapiStatusError) throw error;
    connection.close();
    if (await listenerClosed(connection.host, connection.port, connection.timeoutMs)) return;
    throw error;
  }
}

/** Connects, runs `work`, and always closes the connection. */
export async function withOmapi<T>(
  options: OmapiConnectOptions,
  work: (connection: OmapiConnection) => Promise<T>,
): Promise<T> {
  const connection = await OmapiConnection.connect(options);
  try {
    return await work(connection);
  } finally {
    connection.close();
  }
}
