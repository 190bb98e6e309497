export { poolsReport, ALL_NETWORKS, type PoolsOptions } from './report.js';
export { judgePools, parseNagiosRange, type PoolsAlarmOptions, type PoolsAlarm } from './alarm.js';
export type * from './types.js';
