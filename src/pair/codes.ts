import type { CodeOf } from '../diagnostic.js';

/** What part of the configurations a pair finding is about (`findings[].area`). */
export const pairAreas = [
  'failover',
  'shared-network',
  'subnet',
  'pool',
  'parameter',
  'host',
  'class',
  'group',
] as const;

/** The codes of `pair`'s findings (`findings[].code` in `pair --json`): add one line per new code. */
export const pairFindingCodes = [
  'failover-peer-missing',
  'failover-roles',
  'failover-address',
  'failover-port',
  'failover-timing',
  'failover-secondary-load-balance',
  'shared-network-missing',
  'shared-network-failover-peer',
  'subnet-missing',
  'subnet-shared-network',
  'pool-missing',
  'pool-container',
  'pool-ranges',
  'pool-permits',
  'pool-failover-peer',
  'parameter',
  'host-missing',
  'host-hardware',
  'host-fixed-address',
  'class-missing',
  'class-statements',
  'subclass-missing',
  'group-missing',
] as const;

export type PairArea = CodeOf<typeof pairAreas>;
export type PairFindingCode = CodeOf<typeof pairFindingCodes>;
