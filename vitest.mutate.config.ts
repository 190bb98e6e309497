import { defineConfig } from 'vitest/config';

/**
 * The test run `npm run mutate` (StrykerJS) uses. Only tests that call the
 * library in this process can see a mutant: tests that run the built CLI
 * (dist/) or the check's worker threads would always test the unmutated
 * build, so they are left out, and so is the build (no globalSetup). The
 * network-namespace scenarios are left out too: they take minutes and run
 * the CLI. Property tests against the real dhcpd run fewer cases (FC_RUNS).
 */
export default defineConfig({
  test: {
    // MUTATE_TESTS: the module's own test files (set by stryker.config.mjs).
    include: process.env.MUTATE_TESTS?.split(',').filter(Boolean) ?? ['test/**/*.test.ts'],
    exclude: [
      'test/cli/**',
      'test/library/**',
      'test/fuzz/cli.test.ts',
      'test/fuzz/fuzz.test.ts',
      'test/check/parallel.test.ts',
      'test/conf/large-errors.test.ts',
      'test/grammar/generated.test.ts',
      'test/omapi/**',
      'test/pair/cli.test.ts',
      'test/ready/cli*.test.ts',
      'test/ready/config-cli.test.ts',
      'test/repair/backup-dir-and-sysv-snippet.test.ts',
      'test/repair/cli-repair-undo-preen.test.ts',
      'test/verify/cli.test.ts',
      'test/verify/config-cli.test.ts',
      'test/real-dhcpd/harness-*.test.ts',
      'test/real-dhcpd/crash-points.test.ts',
      'test/real-dhcpd/disk-full-repair.test.ts',
      'test/real-dhcpd/restart-procedure.test.ts',
      'test/real-dhcpd/restart-pair.test.ts',
      'test/real-dhcpd/ready-while-down.test.ts',
      'test/repair/restore-backup-never-default.test.ts',
      // A diff for a cut at every byte: past the timeout once instrumented, on a busy machine.
      'test/repair/diff-applies-with-patch.test.ts',
    ],
    // MUTATE_ISOLATE=0: test files share a worker's module graph (much faster per mutant).
    // Use it only for a module whose test list was shown to give the same results both
    // ways (docs/mutation.md says which runs did).
    isolate: process.env.MUTATE_ISOLATE !== '0',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { FC_RUNS: '40' },
  },
});
