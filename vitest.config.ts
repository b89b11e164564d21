// Unit and server tests. Browser tests live in tests/e2e and run under Playwright instead.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    testTimeout: 20_000,
    // Most server tests wait on real processes and sockets, not on the CPU: three files at a time keep two cores busy
    // (Vitest's default here, one fewer than the cores, ran them one by one).
    maxWorkers: 3,
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { 'src/lib/protocol/**': { lines: 95 } },
    },
  },
});
