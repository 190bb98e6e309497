import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { renderManPage } from '../../src/cli/render/man-page.js';
import { repoRoot } from '../helpers.js';

const quiet = { out() {}, outBytes() {}, err() {}, colour: false, stderrIsTty: false };
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

describe('leasecheck(1)', () => {
  const program = buildProgram(quiet, () => {});
  const page = renderManPage(program, version);

  it('is the page the program describes today (run `npm run build && npm run man` after changing an option)', () => {
    expect(readFileSync(join(repoRoot, 'man/leasecheck.1'), 'utf8')).toBe(page);
  });

  it('has every command, every option and every exit code that --help shows', () => {
    const plain = page.replace(/\\-/g, '-').replace(/\\e/g, '\\');
    for (const command of program.commands.filter((c) => c.name() !== 'help')) {
      expect(plain, command.name()).toContain(`leasecheck ${command.name()}`);
      for (const option of command.options) expect(plain, option.flags).toContain(option.flags);
      for (const sub of command.commands.filter((c) => c.name() !== 'help')) {
        expect(plain).toContain(`leasecheck ${command.name()} ${sub.name()}`);
      }
    }
    for (const section of ['EXIT STATUS', 'ENVIRONMENT', 'FILES', 'SEE ALSO']) {
      expect(page).toContain(`.SH ${section}`);
    }
  });

  it('is listed in package.json, so npm install -g installs it', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      man: string[];
      files: string[];
    };
    expect(pkg.man).toContain('./man/leasecheck.1');
    expect(pkg.files).toContain('man');
  });
});
