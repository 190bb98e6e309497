// The real-dhcpd test harness: everything a test file needs to run ISC dhcpd
// for real. See test/real-dhcpd/README.md.
export { Cleanup, cleanupAfterAll, cleanupAfterEach } from './cleanup.js';
export {
  run,
  runOk,
  startProcess,
  waitFor,
  delay,
  type RunResult,
  type LongRunning,
} from './exec.js';
export { cleanupTempDir } from './files.js';
export { createLan, uniqueToken, type Host, type HostSpec } from './netns.js';
export { DhcpdServer, startDhcpd, waitForLogInAny, type DhcpdOptions, type Exit } from './dhcpd.js';
export {
  dhcpdEofLine,
  dhcpdTest,
  dhcpdTestMany,
  parseDhcpdTestOutput,
  type DhcpdTestCase,
  type DhcpdTestResult,
  type DhcpdTestWarning,
  type FileInput,
  type WroteCounts,
} from './dhcpd-test.js';
export { dhclientLease, startPerfdhcp, type Perfdhcp, type PerfdhcpOptions } from './clients.js';
export { answerGaps, type AnswerGaps } from './answer-gaps.js';
export { mountTmpfs } from './tmpfs.js';
export { killAtWrite, type WriteKiller } from './strace.js';
export { findTool, isCi, missingPrerequisite, requireRealDhcpd, tool } from './prerequisites.js';
export {
  bothNormal,
  bothNormalPattern,
  failoverConfig,
  startFailoverPair,
  type FailoverPair,
  type FailoverPairOptions,
} from './failover.js';
export { fillDiskUnderLoad, loadConfig, type DiskFullResult } from './disk-full.js';
export { burstConfig, crashAtWrite, crashLan, type CrashResult } from './crash.js';
export {
  cliHasCommand,
  importOptional,
  leasecheck,
  loadCheckLeaseFile,
  repoRoot,
  gateOnFeatures,
  missingCommands,
  type FeatureGate,
  type CheckLeaseFile,
} from './leasecheck.js';
export { isLong, randomInts, runSeed, runSize } from './random.js';
