/**
 * A browser shell over a cache that already holds data, signed in to a platform that is not
 * there: it starts offline and serves what the cache holds. For the first-frame tests and the
 * UI bench.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBrowserShell, type BrowserShell } from '../../src/browser-shell/browser-shell'
import type { Logger } from '../../src/main/core/ports/logger'
import { openCache } from '../../src/main/db/open-cache'
import { SqliteCacheStore } from '../../src/main/db/sqlite-cache-store'
import { createFileSecrets, NODE_DATA_FILES } from '../../src/main/node/adapters'
import { ManualClock } from '../../src/shared/clock'
import type { Snapshot } from '../../src/shared/protocol'
import { aSnapshot, FIXTURE_NOW } from './fixtures'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** A running offline shell and its data directory. */
export interface OfflineShell {
  readonly shell: BrowserShell
  readonly dir: string
  readonly clock: ManualClock
  close(): Promise<void>
}

/** What the cache holds and how the shell serves pages. */
export interface OfflineShellOptions {
  readonly snapshot?: Partial<Snapshot>
  /** out/renderer unless given. */
  readonly rendererDir?: string
  /** The shell's default (out/first-frame) unless given. */
  readonly firstFrameModule?: string | null
  readonly log?: Logger
}

/** Start a shell whose cache holds `snapshot`, synced at FIXTURE_NOW; the clock stays there. */
export async function startOfflineShell(options: OfflineShellOptions = {}): Promise<OfflineShell> {
  const dir = mkdtempSync(join(tmpdir(), 'standby-offline-shell-'))
  const { db } = openCache({ path: join(dir, 'cache.db') })
  const cache = new SqliteCacheStore(db, silent)
  cache.applySnapshot(aSnapshot(options.snapshot))
  cache.markSynced(FIXTURE_NOW)
  db.close()
  await createFileSecrets({ path: join(dir, NODE_DATA_FILES.signIn), log: silent }).save({
    // Port 9 (discard) on loopback: nothing answers, so the shell is offline.
    platformUrl: 'http://127.0.0.1:4',
    token: 'offline-token',
    expertId: 'exp_ada',
  })
  // A manual clock: the failed connection's retry never comes, so nothing else runs meanwhile.
  const clock = new ManualClock(FIXTURE_NOW)
  const shell = await startBrowserShell({
    dataDir: dir,
    rendererDir: options.rendererDir ?? join(process.cwd(), 'out', 'renderer'),
    ...(options.firstFrameModule === undefined ? {} : { firstFrameModule: options.firstFrameModule }),
    log: options.log ?? silent,
    out: { write: () => true },
    clock,
  })
  return {
    shell,
    dir,
    clock,
    async close() {
      await shell.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
