/** Self-test at start and on demand: connection, clock, keys, merchant, journal, disk. */
export {
  CLOCK_FAIL_MS,
  CLOCK_WARN_MS,
  DISK_FAIL_BYTES,
  DISK_WARN_BYTES,
  type JournalCheckDepth,
} from './checks';
export { runSelfTest, type SelfTestDeps } from './run';
