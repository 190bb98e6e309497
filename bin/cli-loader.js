// Loads the bundled CLI, dist/bundle/leasecheck.cjs, with V8's code cache of
// it (dist/bundle/leasecheck.cjs.cache, written by `npm run build`): a start
// then neither parses nor compiles the CLI's JavaScript, it reads the compiled
// bytecode. Node 20 has no code cache for ES modules, hence one CommonJS
// script, run here the way Node runs one. A cache made by another Node
// version or with other V8 flags is refused by V8, and the script is then
// compiled as usual: slower to start, same behaviour.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

/** The CLI's exports ({ runCli, exitWhenWritten, prestart }) and its Script (to make a cache from). */
function loadCli(bundle, cache) {
  // The bundle is ASCII (esbuild escapes the rest): latin1 reads it without
  // decoding UTF-8. It is already the function Node would wrap a CommonJS
  // module in (scripts/bundle-cli.mjs writes it so): the source is handed to
  // V8 as read, without a copy of its 0.7 MB to wrap it.
  const source = readFileSync(bundle, 'latin1');
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  // The bundle's modules locate the package's files through import.meta.url,
  // which the bundler turned into __leasecheckUrl.
  const script = new Script(source, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
    pathToFileURL(bundle).href,
  );
  return { cli: module.exports, script };
}

module.exports = { loadCli };
