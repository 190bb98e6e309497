/** A plain text table: columns as wide as their widest cell, numbers right-aligned. */
export function textTable(header: string[], rows: Array<Array<string | number>>, gap = 2): string {
  const width = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)),
  );
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^-?\d+(\.\d+)?$/.test(String(r[i]))),
  );
  const line = (cells: Array<string | number>): string =>
    cells
      .map((cell, i) => {
        const text = String(cell);
        return numeric[i] ? text.padStart(width[i]!) : text.padEnd(width[i]!);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `${l}\n`).join('');
}
