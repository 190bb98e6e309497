// Runs inside a network namespace: accepts connections on a Unix socket (a
// file, so visible from the host's namespace) and forwards each to
// 127.0.0.1:TARGET inside the namespace. Lets a test process outside the
// namespace use the OMAPI client in-process.
// Usage: node omapi-bridge.mjs SOCKET_PATH TARGET_PORT   (writes SOCKET_PATH.ready once listening)
import { createServer, connect } from 'node:net';
import { writeFileSync } from 'node:fs';

const [socketPath, targetPort] = process.argv.slice(2);
createServer((client) => {
  const upstream = connect(Number(targetPort), '127.0.0.1');
  client.pipe(upstream);
  upstream.pipe(client);
  // A refused or reset upstream looks, to the client, like dhcpd closing the connection.
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
}).listen(socketPath, () => writeFileSync(`${socketPath}.ready`, ''));
