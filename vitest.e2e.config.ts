import { defineConfig } from 'vitest/config'

// End-to-end suite: the built SPA served by the real Node server (started by test/e2e/global-setup.ts),
// driven in Debian's headless Chromium through playwright-core. Run with `npm run test:e2e` (builds first).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One server, one browser at a time: the files share the server's accounts and its login throttle.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // expect.poll waits for the UI (a lazy screen, a re-render after a request); 1 s by default is too short
    // on a busy two-core CI machine. Playwright's own waits use the contexts' 15 s (test/e2e/helpers.ts).
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
})
