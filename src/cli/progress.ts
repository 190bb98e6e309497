import type { CliIo } from './io.js';

/**
 * A progress bar on stderr for checks that take longer than about a second:
 * only when stderr is a terminal and the output is not for a program.
 */
export function progressBar(
  io: CliIo,
  enabled: boolean,
): {
  update(done: number, total: number): void;
  finish(): void;
} {
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(done, total) {
      if (!enabled || !io.stderrIsTty || total <= 0) return;
      const now = Date.now();
      if (now - started < 1000 || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      io.err(`\r${progressLine(done, total, (now - started) / 1000, io.stderrColumns ?? 80)}`);
    },
    finish() {
      if (shown) io.err('\r\u001b[K');
    },
  };
}

/**
 * One progress line that fits COLUMNS - 1 characters (a line as wide as the
 * terminal wraps on some terminals, and `\r` then redraws only its second
 * half): the bar shrinks first, then the figures are cut.
 */
export function progressLine(
  done: number,
  total: number,
  seconds: number,
  columns: number,
): string {
  const fraction = Math.min(1, done / total);
  const rate = seconds > 0 ? done / 1e6 / seconds : 0;
  const figures = ` ${(fraction * 100).toFixed(0).padStart(3)}%  ${(done / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB  ${rate.toFixed(0)} MB/s`;
  const room = columns - 1;
  const width = Math.max(0, Math.min(30, room - figures.length - 2));
  const filled = Math.round(fraction * width);
  const bar = width >= 5 ? `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]` : '';
  return `${bar}${figures}`.slice(0, Math.max(0, room));
}
