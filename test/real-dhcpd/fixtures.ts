// The real files written by dhcpd 4.4.3-P1 (read-only; see their README):
// $LEASECHECK_FIXTURES, else the repository's copy, else the shared one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const candidates = [
  process.env.LEASECHECK_FIXTURES,
  join(here, '../fixtures/real-dhcpd'),
  join(here, '../../../shared/fixtures/real-dhcpd'),
].filter((dir): dir is string => dir !== undefined);

export const fixturesDir =
  candidates.find((dir) => existsSync(join(dir, 'enospc-truncated.leases'))) ??
  (candidates[0] as string);

export function fixture(name: string): string {
  return join(fixturesDir, name);
}
