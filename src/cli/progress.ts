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
      const fraction = Math.min(1, done / total);
      const width = 30;
      const filled = Math.round(fraction * width);
      const rate = done / 1e6 / ((now - started) / 1000);
      io.err(
        `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${(done / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB  ${rate.toFixed(0)} MB/s`,
      );
    },
    finish() {
      if (shown) io.err('\r\u001b[K');
    },
  };
}
