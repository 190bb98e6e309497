export { readLeases, currentLeases } from './read.js';
export { isActiveAt } from './active.js';
export { filterLeases, type LeaseFilter } from './filter.js';
export type * from './types.js';
