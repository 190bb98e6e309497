import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files run in parallel: the real-dhcpd tests give their network
    // namespaces random names (test/harness/netns.ts).
    fileParallelism: true,
    reporters: ['default'],
  },
});
