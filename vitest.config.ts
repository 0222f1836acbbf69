import { defineConfig } from 'vitest/config'

// Node suite: API, database, domain and tooling tests against real libSQL files in temp dirs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/workerd/**', 'test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
