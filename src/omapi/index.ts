/** The OMAPI client's public face: talk to a running dhcpd over its control protocol. */
export { OmapiConnection, OmapiStatusError, DEFAULT_TIMEOUT_MS } from './connection.js';
export { parseKeyFile, parseKeyOption, type OmapiKey } from './key.js';
export {
  openObject,
  refreshObject,
  updateObject,
  deleteObject,
  getLease,
  getFailoverState,
  getHost,
  shutdownServer,
  withOmapi,
  type OpenedObject,
} from './objects.js';
export { omapiFailoverReady } from './ready.js';
export {
  compareDeclarations,
  compareLease,
  compareLeaseFile,
  judgeLease,
  judgeUnlisted,
  rangeAddressesOf,
  lastLeasePerAddress,
  type CompareOptions,
} from './compare.js';
export { resultText } from './results.js';
export { decodeAttributes, bindingStateNames, failoverStateNames } from './values.js';
export {
  OmapiOp,
  encodeMessage,
  decodeMessage,
  encodeIntro,
  decodeIntro,
  verifySignature,
  type OmapiMessage,
  type DecodedMessage,
  type NameValue,
} from './wire.js';
export type * from './types.js';
