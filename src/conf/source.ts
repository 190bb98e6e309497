/**
 * The text of one dhcpd.conf file and where its lines start, so that an
 * offset (from either engine) becomes the 1-based line a statement is on.
 */

export interface SourceText {
  /** The file's text as read (latin1), before case folding. */
  original: string;
  /** The offset at which each line starts. */
  lineStarts: number[];
}

export function sourceText(original: string): SourceText {
  const lineStarts = [0];
  for (let i = original.indexOf('\n'); i >= 0; i = original.indexOf('\n', i + 1)) {
    lineStarts.push(i + 1);
  }
  return { original, lineStarts };
}

/** 1-based line of an offset (binary search over line starts). */
export function lineOf(source: SourceText, offset: number): number {
  let low = 0;
  let high = source.lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (source.lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
