/**
 * The dhcpd.conf reader: its public face. Load a configuration into an
 * address plan, ask it questions, and check lease-file declarations against it.
 */
export { loadDhcpdConf, planFromText } from './load.js';
export { ConfSyntaxError, parseConfText } from './parse.js';
export { ConfInvalidError } from './build.js';
export {
  addressInRanges,
  prefixInRanges,
  subnetOf,
  failoverPeerNames,
  classNames,
  groupNames,
} from './queries.js';
export type { AddressMatch } from './queries.js';
export { configFindingCodes, configFindings, createConfigChecker } from './findings.js';
export type { ConfigChecker, ConfigFinding, ConfigFindingCode } from './findings.js';
export { addressRelevantKeys, isAddressRelevant } from './params.js';
export type * from './types.js';
