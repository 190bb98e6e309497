import { classifyMessage } from './classify.js';
import { isDhcpdLine, parseLogLine } from './parse-line.js';
import type { LogEntry, LogLine } from './types.js';

/** Parses and classifies one raw line on its own; null when it is not dhcpd's or carries no message. */
export function toLogEntry(
  text: string,
  source: string,
  line: number,
  now?: Date,
): LogEntry | null {
  const parsed = parseLogLine(text, { source, line, now });
  if (parsed === null || !isDhcpdLine(parsed)) return null;
  return { line: parsed, event: classifyMessage(parsed.message) };
}

/**
 * Turns one log's raw lines, batch by batch, into dhcpd's entries, numbering
 * the lines. A line without a syslog header is taken as a plain dhcpd message
 * (dhcpd -d, `journalctl -o cat`) only while the log has shown no header: in
 * a syslog file it is syslogd's own (`last message repeated`, `-- MARK --`),
 * a continuation or garbage, and treating it as a dhcpd line of a host
 * without a name would make one host look like two. Within a batch the
 * decision waits for the batch's end, so such a line before the file's first
 * header is dropped as well.
 */
export class LogLineReader {
  private number = 0;
  private headers = false;

  constructor(
    readonly source: string,
    private readonly now?: Date,
  ) {}

  /** The entries of the next lines of the log, in order. */
  entries(lines: readonly string[]): LogEntry[] {
    const parsed: LogLine[] = [];
    for (const text of lines) {
      this.number += 1;
      const line = parseLogLine(text, { source: this.source, line: this.number, now: this.now });
      if (line === null) continue;
      if (line.format !== 'plain') this.headers = true;
      parsed.push(line);
    }
    const entries: LogEntry[] = [];
    for (const line of parsed) {
      if (this.headers && line.format === 'plain') continue;
      if (isDhcpdLine(line)) entries.push({ line, event: classifyMessage(line.message) });
    }
    return entries;
  }

  /** The log was rotated or truncated: its lines are numbered from 1 again. */
  restart(): void {
    this.number = 0;
  }
}
