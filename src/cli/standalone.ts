/**
 * Entry point of the standalone executable (`npm run build:standalone`): Node's
 * single-executable application, for DHCP servers whose distribution ships a
 * Node.js older than 20 (Debian 12 and Ubuntu 24.04 ship 18). The executable
 * carries package.json and the grammars as embedded assets and ohm-js bundled
 * in; it checks on one thread, as it has no worker script on disk.
 */
import { getAsset, isSea } from 'node:sea';
import * as ohm from 'ohm-js';
import { useOhmLoader } from '../grammar/ohm-lazy.js';
import { useEmbeddedPackageFiles } from '../package-root.js';
import { exitWhenWritten } from './io.js';
import { runCli } from './main.js';

if (isSea()) {
  useEmbeddedPackageFiles((relative) => getAsset(relative, 'utf8'));
  // The bundler evaluates ohm-js only when this namespace is first read, so
  // a check that needs no error message never pays for loading it.
  useOhmLoader(() => ohm);
}

void runCli(process.argv.slice(2)).then(exitWhenWritten);
