/** RFC 4180 CSV: every field that needs it quoted, quotes doubled, CRLF-free lines ending in \n. */
export function csvLine(fields: Array<string | number | boolean | null | undefined>): string {
  return `${fields.map(csvField).join(',')}\n`;
}

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
