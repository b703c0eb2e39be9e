// End-to-end tests: the built renderer in Debian's Chromium, driven by Playwright's library API,
// against the browser shell and the reference platform. Separate from vitest.config.ts because
// these need the renderer built first (globalSetup) and run one file at a time on 2 cores.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/support/build-renderer.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One Chromium at a time: each file launches its own, and two cores are shared with the shells.
    fileParallelism: false,
  },
})
