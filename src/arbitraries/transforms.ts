import fc from 'fast-check';
import type { DeclarationSpan, RenderedLeasesFile } from './types.js';

/**
 * Damage done to generated files, as disks and crashes do it. Each returns
 * latin1 text and says exactly where the damage is, so tests can assert
 * what a checker must report.
 */

/** The first `offset` bytes: what a crash or a full disk leaves. */
export function truncateAt(text: string, offset: number): string {
  return text.slice(0, Math.max(0, Math.min(text.length, offset)));
}

/** Every `\n` as `\r\n` (a file that went through a Windows editor). dhcpd treats CR as white space. */
export function toCrlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

export interface TruncatedFile {
  /** The file cut short. */
  text: string;
  /** The file before the cut. */
  original: string;
  /** Bytes kept: `text.length`. The cut falls strictly inside the last declaration. */
  cut: number;
  /** First byte of the declaration the file now ends inside. */
  declarationStart: number;
  /** Its 1-based line. */
  declarationLine: number;
  kind: DeclarationSpan['kind'];
}

export interface CorruptedFile {
  text: string;
  original: string;
  /** First damaged byte. */
  offset: number;
  /** Bytes removed from the original at `offset`. */
  removed: number;
  /** Bytes written in their place. */
  inserted: string;
  /** The damage lies before the start of the last declaration (mid-file). */
  lastDeclarationStart: number;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Cut `file` at an offset strictly inside its last declaration: after its
 * first byte and before its closing `}` or `;` is complete. `null` when the
 * file has no declaration.
 */
export function truncateInsideLast(
  file: RenderedLeasesFile,
  position: number,
): TruncatedFile | null {
  const last = file.declarations.at(-1);
  if (!last) return null;
  const width = last.end - last.start - 1;
  const cut = last.start + 1 + (Math.abs(Math.trunc(position)) % width);
  return {
    text: file.text.slice(0, cut),
    original: file.text,
    cut,
    declarationStart: last.start,
    declarationLine: lineOf(file.text, last.start),
    kind: last.kind,
  };
}

/** Replace `removed` bytes at `offset` with `inserted`. */
export function corruptAt(
  file: RenderedLeasesFile,
  offset: number,
  removed: number,
  inserted: string,
): CorruptedFile {
  const last = file.declarations.at(-1);
  const lastStart = last ? last.start : file.text.length;
  const start = Math.max(0, Math.min(offset, Math.max(0, lastStart - 1)));
  const end = Math.min(lastStart, start + removed);
  return {
    text: file.text.slice(0, start) + inserted + file.text.slice(end),
    original: file.text,
    offset: start,
    removed: end - start,
    inserted,
    lastDeclarationStart: lastStart,
  };
}

/** A file with its last declaration cut short at any offset inside it. */
export function truncatedFrom(
  files: fc.Arbitrary<RenderedLeasesFile>,
): fc.Arbitrary<TruncatedFile> {
  return fc
    .tuple(
      files.filter((f) => f.declarations.length > 0),
      fc.nat(),
    )
    .map(([file, position]) => truncateInsideLast(file, position) as TruncatedFile);
}

/** Bytes that do the most damage to a lease file's syntax, and any byte at all. */
function damage(): fc.Arbitrary<string> {
  const special = fc.constantFrom('{', '}', ';', '"', '\\', '#', ' ', '\n', '\0', '\xff', 'x', '0');
  const anyByte = fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b));
  return fc
    .array(fc.oneof(special, anyByte), { minLength: 0, maxLength: 4 })
    .map((chars) => chars.join(''));
}

/**
 * A file damaged before its last declaration: up to four bytes replaced,
 * removed or inserted somewhere in the middle. Files that have fewer than
 * two declarations are not damaged in the middle and are skipped.
 */
export function corruptedFrom(
  files: fc.Arbitrary<RenderedLeasesFile>,
): fc.Arbitrary<CorruptedFile> {
  return fc
    .tuple(
      files.filter((f) => f.declarations.length >= 2),
      fc.nat(),
      fc.integer({ min: 0, max: 4 }),
      damage(),
    )
    .filter(([, , removed, inserted]) => removed > 0 || inserted.length > 0)
    .map(([file, position, removed, inserted]) => {
      const lastStart = file.declarations.at(-1)!.start;
      return corruptAt(file, position % Math.max(1, lastStart), removed, inserted);
    })
    .filter((c) => c.text !== c.original);
}
