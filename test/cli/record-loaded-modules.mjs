// Preloaded with `node --import`: records the URL of every ES module and
// CommonJS file the process loads, one per line, in $LEASECHECK_LOADED_LOG.
// Resolution hooks run on a thread of their own, so they write the log
// themselves (appendFileSync: a line per load, nothing kept in memory).
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
const log = process.env.LEASECHECK_LOADED_LOG;
export async function load(url, context, nextLoad) {
  if (log) appendFileSync(log, url + '\\n');
  return nextLoad(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
