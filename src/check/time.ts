import { isoUtc } from '../model/iso-time.js';

/** Epoch seconds -> ISO 8601 UTC; null stays null, `never` (Infinity) becomes "never". */
export function formatIso(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (!Number.isFinite(seconds)) return 'never';
  return isoUtc(seconds);
}
