/**
 * setTimeout's longest delay, 2^31 - 1 ms (about 24.8 days): Node fires a
 * longer one after 1 ms, with only a warning. Waits that may be longer are
 * waited in steps (ready --wait); a per-request timeout is refused beyond it.
 */
export const maxTimerMs = 2 ** 31 - 1;
