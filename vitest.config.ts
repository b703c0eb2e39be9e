import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Integration tests start real servers and real SQLite files; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/mock-electron.ts'],
    // electron-store imports `electron`; inlined, that import reaches the typed fake that tests
    // mock (test/support/fake-electron/) instead of the real package, which would try to
    // download the Electron binary.
    server: { deps: { inline: ['electron-store'] } },
  },
})
