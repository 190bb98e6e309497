// A recording TCP proxy for one OMAPI session: listens on 127.0.0.1:LISTEN,
// forwards to 127.0.0.1:TARGET, and when the client disconnects writes every
// chunk seen ({ dir: 'c2s' | 's2c', hex }) to OUT as JSON and exits.
// Usage: node omapi-proxy.mjs LISTEN TARGET OUT   (writes OUT.ready once listening)
import { createServer, connect } from 'node:net';
import { writeFileSync } from 'node:fs';

const [listenPort, targetPort, out] = process.argv.slice(2);
const chunks = [];
const server = createServer((client) => {
  server.close();
  const upstream = connect(Number(targetPort), '127.0.0.1');
  client.on('data', (data) => {
    chunks.push({ dir: 'c2s', hex: data.toString('hex') });
    upstream.write(data);
  });
  upstream.on('data', (data) => {
    chunks.push({ dir: 's2c', hex: data.toString('hex') });
    client.write(data);
  });
  upstream.on('end', () => client.end());
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  client.on('close', () => {
    upstream.destroy();
    writeFileSync(out, `${JSON.stringify(chunks, null, 1)}\n`);
    process.exit(0);
  });
});
server.listen(Number(listenPort), '127.0.0.1', () => writeFileSync(`${out}.ready`, ''));
