import fc from 'fast-check';
import {
  corruptAt,
  leasesFileModel,
  truncateInsideLast,
  writeConfig,
  writeLeasesFile,
} from '../arbitraries/index.js';
import type { FuzzCase, FuzzKind, FuzzOptions } from './types.js';

/** The byte as people read it in a report: printable as itself, else `\xNN`. */
function show(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.charCodeAt(0);
      return code >= 0x20 && code < 0x7f ? c : `\\x${code.toString(16).padStart(2, '0')}`;
    })
    .join('');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Generated cases of the requested kinds: whole files, files cut inside their last declaration, files damaged mid-way. */
export function fuzzCases(
  options: Pick<FuzzOptions, 'kinds' | 'family' | 'legacy' | 'omit'>,
): fc.Arbitrary<FuzzCase> {
  const files = leasesFileModel({
    family: options.family,
    legacy: options.legacy ?? false,
    omit: options.omit ?? [],
  }).map((model) => ({
    family: model.family,
    rendered: writeLeasesFile(model),
    config: writeConfig(model),
  }));
  const byKind: Record<FuzzKind, fc.Arbitrary<FuzzCase>> = {
    clean: files.map((f): FuzzCase => ({
      kind: 'clean',
      family: f.family,
      leases: f.rendered.text,
      config: f.config,
      damage: null,
    })),
    truncated: fc
      .tuple(
        files.filter((f) => f.rendered.declarations.length > 0),
        fc.nat(),
      )
      .map(([f, position]): FuzzCase => {
        const t = truncateInsideLast(f.rendered, position)!;
        return {
          kind: 'truncated',
          family: f.family,
          leases: t.text,
          config: f.config,
          damage: `cut at byte ${t.cut}, inside the ${t.kind} declaration at line ${t.declarationLine}`,
        };
      }),
    corrupt: fc
      .tuple(
        files.filter((f) => f.rendered.declarations.length >= 2),
        fc.nat(),
        fc.integer({ min: 0, max: 4 }),
        fc
          .array(
            fc.oneof(
              fc.constantFrom('{', '}', ';', '"', '\\', '#', ' ', '\n', '\0', 'x', '0'),
              fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)),
            ),
            { maxLength: 4 },
          )
          .map((chars) => chars.join('')),
      )
      .filter(([, , removed, inserted]) => removed > 0 || inserted.length > 0)
      .map(([f, position, removed, inserted]): FuzzCase => {
        const lastStart = f.rendered.declarations.at(-1)!.start;
        const c = corruptAt(f.rendered, position % Math.max(1, lastStart), removed, inserted);
        return {
          kind: 'corrupt',
          family: f.family,
          leases: c.text,
          config: f.config,
          damage: `at byte ${c.offset} (line ${lineAt(c.original, c.offset)}): ${c.removed} byte(s) "${show(c.original.slice(c.offset, c.offset + c.removed))}" replaced by "${show(c.inserted)}"`,
        };
      }),
  };
  return fc.oneof(...options.kinds.map((kind) => byKind[kind]));
}
