// Unit and server tests. Browser tests live in tests/e2e and run under Playwright instead.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    testTimeout: 20_000,
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { 'src/lib/protocol/**': { lines: 95 } },
    },
  },
});
