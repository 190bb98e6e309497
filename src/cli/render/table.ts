/**
 * A plain text table: columns as wide as their widest cell, numbers
 * right-aligned. When a line would not fit in `columns` (the terminal's
 * width), each row is written as `name: value` lines instead, so that
 * nothing wraps into an unreadable grid.
 */
export function textTable(
  header: string[],
  rows: Array<Array<string | number>>,
  columns = Infinity,
  gap = 2,
): string {
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
  const lines = [line(header), ...rows.map(line)];
  if (lines.every((l) => l.length < columns)) return lines.map((l) => `${l}\n`).join('');
  const nameWidth = Math.max(...header.map((h) => h.length));
  return rows
    .map((row) =>
      header
        .map((h, i) => `${`${h}:`.padEnd(nameWidth + 1)} ${String(row[i] ?? '')}`.trimEnd())
        .join('\n'),
    )
    .map((block) => `${block}\n`)
    .join('\n');
}
