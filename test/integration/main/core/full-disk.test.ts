// The disk under the cache fills up, or the cache turns read-only, while the core is online (SQLite
// itself refuses the write, as it does then, or the system does, for files made immutable): the
// core tells the expert once what happened and what to do, tries again less and less often instead
// of every second, and once the cache can be written again it catches up by itself, loses nothing
// and takes the notice down.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { canLockFiles, lockFiles, unlockFiles } from '../../../support/immutable-files'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'

const SECOND = 1_000

/** Something that stops the cache's writes until `free` undoes it. */
type Trouble = (db: Database.Database) => { free(): void }

/** SQLite refuses to grow the cache file, as on a full disk. */
const fullDisk: Trouble = (db) => {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`)
  return { free: () => void db.pragma('max_page_count = 4294967294') }
}

/** SQLite refuses every write, as on a file or disk made read-only. */
const readOnly: Trouble = (db) => {
  db.pragma('query_only = ON')
  return { free: () => void db.pragma('query_only = OFF') }
}

/** Another program (a backup tool, the sqlite3 shell) holds the cache's write lock. */
const lockedByAnotherProgram: Trouble = (db) => {
  const other = new Database(db.name)
  other.exec('BEGIN IMMEDIATE')
  return {
    free: () => {
      other.exec('ROLLBACK')
      other.close()
    },
  }
}

/**
 * The cache file and its WAL made immutable while open (as `chattr +i` does, for root too): the
 * system itself refuses every write, and SQLite says only "disk I/O error".
 */
const madeImmutable: Trouble = (db) => {
  const files = [db.name, `${db.name}-wal`]
  lockFiles(...files)
  return { free: () => unlockFiles(...files) }
}

/** Bring `trouble` on the core's cache; its `free` undoes it once, however often it is called. */
function strike(core: TestCore, trouble: Trouble): { free(): void } {
  // The store keeps its connection to itself; a test reaches in to play the disk.
  const struck = trouble((core.runtime.cache as unknown as { db: Database.Database }).db)
  let freed = false
  return {
    free: () => {
      if (!freed) struck.free()
      freed = true
    },
  }
}

/** A direct invite large enough that saving it needs more room in the cache file. */
function inviteTooLargeToFit(platform: TestPlatform, expertId: string, title: string): void {
  const { marketplace } = platform.server
  marketplace.createRequest({
    clientId: marketplace.createClient({ name: 'Sam', timeZone: 'Europe/Berlin' }),
    title,
    description: 'A long account of the problem. '.repeat(400),
    kind: 'instant',
    direct: { expertId, via: 'dashboard' },
  })
}

const notices = (core: TestCore): AppNotification[] =>
  core.adapters.notifier.shown.filter((n) => n.kind === 'notice')

const troubles: ReadonlyArray<[string, Trouble, RegExp]> = [
  ['the disk fills up', fullDisk, /database or disk is full\).*Free some space on the disk/],
  ['the cache turns read-only', readOnly, /readonly database\).*Check that your profile folder is writable/],
  [
    'another program holds the cache',
    lockedByAnotherProgram,
    /locked\).*Quit any other program using Standby/,
  ],
]

describe('the cache cannot be written while online', () => {
  const defer = useCleanup()

  const immutable = it.skipIf(!canLockFiles())
  immutable(
    'its files made immutable: the expert is told the files and to make them writable, not to check the disk, and it catches up by itself',
    () =>
      catchesUpAfter(
        madeImmutable,
        /operation not permitted, .*cache\.db and .*cache\.db-wal may no longer be written\).*Make .*cache\.db and .*cache\.db-wal writable by your account again/,
      ),
  )

  it.each(troubles)(
    '%s: the expert is told once, retries back off, and it catches up by itself once it can write',
    (_, trouble, words) => catchesUpAfter(trouble, words),
  )

  /** Bring `trouble` on an online core: told once, tries backed off, caught up once freed. */
  async function catchesUpAfter(trouble: Trouble, words: RegExp): Promise<void> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const clock = new ManualClock(Date.now())
    const core = await startCoreFor(platform.server.url, expert, { clock })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    // An event already applied: each try replays after it rather than asking for a snapshot.
    platform.inviteDirectly(expert.id, 'Before the disk filled up')
    await core.waitForNotifications(1)
    const { marketplace } = platform.server
    const honest = marketplace.replay.bind(marketplace)
    let replays = 0
    marketplace.replay = (...args) => (replays++, honest(...args))

    const disk = strike(core, trouble)
    // Before the core's own cleanup, which removes its folder: a failed test leaves no file locked.
    defer(() => disk.free())
    inviteTooLargeToFit(platform, expert.id, 'While the disk is full')
    const stopped = await core.waitForState((s) => s.status === 'offline')
    expect(stopped).toMatchObject({ reason: expect.stringMatching(words) })
    expect(notices(core)).toEqual([
      expect.objectContaining({
        title: 'Standby cannot save new invites',
        body: expect.stringMatching(words),
      }),
    ])

    // Two minutes of a full disk: a handful of tries, not one a second.
    for (let s = 0; s < 120; s++) {
      clock.advance(SECOND)
      await core.runtime.core.settled()
    }
    expect(replays).toBeGreaterThan(2)
    expect(replays).toBeLessThan(12)
    expect(notices(core)).toHaveLength(1)
    expect(core.runtime.core.connection.status).toBe('offline')

    disk.free()
    for (let s = 0; s < 90 && core.runtime.core.connection.status !== 'online'; s++) {
      clock.advance(SECOND)
      await core.runtime.core.settled()
    }
    expect(core.runtime.core.connection.status).toBe('online')
    expect(
      core.runtime.cache.openInvites(core.runtime.core.platformClock.now()).map((i) => i.request.title),
    ).toEqual(['While the disk is full', 'Before the disk filled up'])
    expect(core.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toHaveLength(2)
    expect(core.adapters.notifier.noticesOnScreen).toEqual([])
    expect(core.adapters.tray.current?.statusLine).toMatch(/^Online/)
  }
})
