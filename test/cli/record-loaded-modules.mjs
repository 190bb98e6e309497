// Preloaded with `node --import`: records the URL of every ES module and
// CommonJS file the process loads (ES modules and `import`ed CommonJS through
// the hooks, `require`d files through Module._load), one per line, in $LEASECHECK_LOADED_LOG.
// Resolution hooks run on a thread of their own, so they write the log
// themselves (appendFileSync: a line per load, nothing kept in memory).
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const hooks = `
import { appendFileSync } from 'node:fs';
const log = process.env.LEASECHECK_LOADED_LOG;
export async function load(url, context, nextLoad) {
  if (log) appendFileSync(log, url + '\\n');
  return nextLoad(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

// The CLI runs as one CommonJS script (bin/cli-loader.js) whose require() of a
// package goes through the CommonJS loader, which Node 20's hooks above do not
// see: record those loads here, on the main thread.
const log = process.env.LEASECHECK_LOADED_LOG;
const load = Module._load;
Module._load = function recordRequire(request, parent, isMain) {
  const loaded = load.apply(this, arguments);
  if (log) {
    try {
      appendFileSync(
        log,
        `${pathToFileURL(Module._resolveFilename(request, parent, isMain)).href}\n`,
      );
    } catch {
      // a built-in module, or one that cannot be resolved again: nothing to record
    }
  }
  return loaded;
};
