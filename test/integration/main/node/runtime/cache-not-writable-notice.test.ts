/**
 * A cache file this account may not write (made real with the immutable flag, which holds for root
 * too): the app starts, tells the expert where and what to do, keeps what it had already shown for
 * the run, and says nothing once the file may be written again. Made so while the app runs, the
 * file is told once, by its checkpoints, and the notice withdrawn when one works again.
 */
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it, vi } from 'vitest'
import { canLockFiles, lockFiles, unlockFiles } from '../../../../support/immutable-files'
import { CHECKPOINT_EVERY_MS } from '../../../../../src/main/db/open-cache'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import type { Runtime } from '../../../../../src/main/node/runtime/start-runtime'
import { systemClock } from '../../../../../src/shared/clock'
import { anInvite, aRequest, aSnapshot, FIXTURE_NOW } from '../../../../support/fixtures'
import { useCleanup } from '../../../../support/cleanup'
import { useTempDirs } from '../../../../support/temp-dir'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const tempDir = useTempDirs()
const defer = useCleanup()

/** Start the app on `dir`, run `use` on it, quit it cleanly; the notices of that run. */
async function aRun(dir: string, use: (runtime: Runtime) => void = () => {}): Promise<unknown[]> {
  return (await aRunShowing(dir, use)).filter((shown) => shown.kind === 'notice')
}

/** Start the app on `dir`, run `use` on it, quit it cleanly; all it showed and withdrew. */
async function aRunShowing(
  dir: string,
  use: (runtime: Runtime) => void = () => {},
): Promise<ReadonlyArray<{ readonly kind: string }>> {
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log: quiet })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock: systemClock, log: quiet })
  try {
    use(runtime)
  } finally {
    runtime.close()
  }
  return adapters.notifier.shown
}

it.skipIf(!canLockFiles())(
  'starts from a copy in memory, says where and what to do, and shows nothing twice (skipped where `chattr +i` does not hold: not Linux, not root, or a file system without the flag)',
  async () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const invite = anInvite({ id: 'inv_shown', request: aRequest({ id: 'req_shown' }) })
    await aRun(dir, (runtime) => {
      runtime.cache.applySnapshot(aSnapshot({ openInvites: [invite], cursor: 1 }))
      runtime.cache.markNotified([invite.id], FIXTURE_NOW)
    })
    const bytes = readFileSync(path)
    lockFiles(path)
    defer(() => unlockFiles(path))
    const lockedRun = await aRun(dir, (runtime) => {
      expect(runtime.cache.openInvites(FIXTURE_NOW).map((open) => open.id)).toEqual([invite.id])
      expect(runtime.cache.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
    })
    expect(lockedRun).toEqual([
      expect.objectContaining({
        title: 'Offline cache not saved',
        body: expect.stringContaining(`Standby cannot write to its offline cache at ${path} (EPERM: `),
      }),
    ])
    expect(readFileSync(path).equals(bytes)).toBe(true)
    unlockFiles(path)
    expect(await aRun(dir)).toEqual([])
  },
)

it.skipIf(!canLockFiles())(
  'made read-only while running: says where and what to do, keeps what is saved, and withdraws it once writable',
  async () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    const invite = anInvite({ id: 'inv_later', request: aRequest({ id: 'req_later' }) })
    // The checkpoints' timer alone is driven by the test.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    defer(() => void vi.useRealTimers())
    const shown = await aRunShowing(dir, (runtime) => {
      runtime.cache.applySnapshot(aSnapshot({ cursor: 1 }))
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      lockFiles(path)
      defer(() => unlockFiles(path))
      // Saved meanwhile: into the WAL beside the file, which its checkpoints cannot copy in.
      runtime.cache.applySnapshot(aSnapshot({ openInvites: [invite], cursor: 2 }))
      runtime.cache.markNotified([invite.id], FIXTURE_NOW)
      vi.advanceTimersByTime(3 * CHECKPOINT_EVERY_MS)
      expect(runtime.cache.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
      unlockFiles(path)
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
    })
    expect(shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'cache-not-writable',
        title: 'Offline cache not saved',
        body:
          `Standby cannot write its offline cache (EPERM: operation not permitted, ${path} may no longer ` +
          'be written). What you see stays, but the cache file is not kept up to date. ' +
          `Make ${path} writable by your account again; Standby tries again every few seconds and ` +
          'catches up by itself.',
      },
      expect.objectContaining({ kind: 'notice_withdrawn', noticeId: 'cache-not-writable' }),
    ])
    // Nothing saved during the refusal was lost.
    expect(
      await aRun(dir, (runtime) => {
        expect(runtime.cache.openInvites(FIXTURE_NOW).map((open) => open.id)).toEqual([invite.id])
        expect(runtime.cache.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
      }),
    ).toEqual([])
  },
)

it.skipIf(!canLockFiles())(
  'the refused file found damaged and closed while its notice is up: the notice is withdrawn, nothing being left to retry',
  async () => {
    const dir = tempDir()
    const path = join(dir, 'cache.db')
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    defer(() => void vi.useRealTimers())
    const shown = await aRunShowing(dir, (runtime) => {
      runtime.cache.applySnapshot(aSnapshot({ cursor: 1 }))
      vi.advanceTimersByTime(CHECKPOINT_EVERY_MS)
      lockFiles(path)
      defer(() => unlockFiles(path))
      runtime.cache.applySnapshot(aSnapshot({ cursor: 2 }))
      vi.advanceTimersByTime(3 * CHECKPOINT_EVERY_MS)
      // Writable again, then found damaged before the next checkpoint could say so.
      unlockFiles(path)
      runtime.cache.sessionHistory = () => {
        throw new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT')
      }
      expect(() => runtime.cache.sessionHistory(500)).toThrow(/malformed/)
      vi.advanceTimersByTime(3 * CHECKPOINT_EVERY_MS)
    })
    expect(shown.map((notice) => [notice.kind, 'title' in notice ? notice.title : ''])).toEqual([
      ['notice', 'Offline cache not saved'],
      ['notice_withdrawn', 'Offline cache moved aside'],
    ])
  },
)
