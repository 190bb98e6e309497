import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The real-dhcpd tests create network namespaces with fixed names: one file at a time.
    fileParallelism: true,
    reporters: ['default'],
  },
});
