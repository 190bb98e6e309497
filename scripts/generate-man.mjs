// Writes man/leasecheck.1 from the CLI's own commander program (run after
// `npm run build`): the man page and `--help` come from the same source.
//   npm run man
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildProgram } from '../dist/cli/main.js';
import { renderManPage } from '../dist/cli/render/man-page.js';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const quiet = { out() {}, outBytes() {}, err() {}, colour: false, stderrIsTty: false };
mkdirSync(new URL('man/', root), { recursive: true });
writeFileSync(
  new URL('man/leasecheck.1', root),
  renderManPage(
    buildProgram(quiet, () => {}),
    version,
  ),
);
console.log('man/leasecheck.1 written');
