/**
 * Escapes what a terminal would obey in text leasecheck prints: C0 control
 * characters but tab and newline, DEL, C1 controls (U+0080-U+009F, which a
 * latin1 lease byte 0x9B becomes: CSI on many terminals) and lone UTF-16
 * surrogates, each written as `\uXXXX`. Lease files, logs, OMAPI values
 * and file names reach the output, and any of them may hold ESC or OSC
 * sequences (a client chooses its own `client-hostname`).
 *
 * `\uXXXX` is what JSON.stringify writes too: in JSON output (where these
 * characters can only stand inside strings) the escape is valid JSON for
 * the same value, so one function serves every output.
 *
 * With `ours`, the sequences leasecheck itself writes pass: the colours of
 * `paint`, and a progress bar's leading carriage return and erase-line.
 * (Colour codes in the input then pass too; nothing that moves the cursor,
 * sets a title or talks to the terminal does.)
 */

/* eslint-disable no-control-regex -- these regular expressions are about control characters */
const unsafe =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const unsafeOrOurs =
  /\x1b\[(?:0|1|2|31|32|33)m|\x1b\[K|[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

export function terminalSafe(text: string, ours = false): string {
  if (!unsafe.test(text)) return text;
  return text.replace(unsafeOrOurs, (match, offset: number) => {
    if (match.length > 1) return ours ? match : escape(match[0]!) + match.slice(1);
    if (match === '\r' && ours && offset === 0) return match;
    return escape(match);
  });
}

function escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
