/** `n` in decimal, with leading zeros to `width` digits. */
export function zeroPadded(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Epoch `seconds` as Date.prototype.toISOString writes them, with `.000`
 * left out: `2026-11-28T12:52:06Z`, `2026-11-28T12:52:06.500Z`,
 * `+010000-01-01T00:00:00Z`. Built from the getUTC* getters because
 * toISOString first makes V8 look up the host's time zone, which a UTC
 * string never needs: ICU then reads its zone data, about 2 ms of a check
 * (`strace -k`: the only /etc/localtime of a check came from toISOString).
 * Throws the RangeError toISOString throws for a time outside Date's range.
 */
export function isoUtc(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value');
  const year = date.getUTCFullYear();
  const yearText =
    year >= 0 && year <= 9999
      ? zeroPadded(year, 4)
      : `${year < 0 ? '-' : '+'}${zeroPadded(Math.abs(year), 6)}`;
  const ms = date.getUTCMilliseconds();
  return (
    `${yearText}-${zeroPadded(date.getUTCMonth() + 1)}-${zeroPadded(date.getUTCDate())}` +
    `T${zeroPadded(date.getUTCHours())}:${zeroPadded(date.getUTCMinutes())}:${zeroPadded(date.getUTCSeconds())}` +
    `${ms === 0 ? '' : `.${zeroPadded(ms, 3)}`}Z`
  );
}
