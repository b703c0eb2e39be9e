/**
 * A cache file damaged under a running, connected app (a disk error, another program writing into
 * it): the read that finds it has the file moved aside and rebuilt in the same run, a new
 * connection refills it from the platform, and the invite already shown is not shown again. Before,
 * the run told the expert to restart and every read and batch of the sync failed until they did.
 */
import Database from 'better-sqlite3'
import { readdirSync } from 'node:fs'
import { expect, it } from 'vitest'
import { anInvite, aRequest } from '../../../../support/fixtures'
import { manySessions } from '../../../../support/fixture-streams'
import { snapshotThenNothing, startHostilePlatform } from '../../../../support/hostile-platform'
import { adaSettledOn } from '../../../../support/test-core'
import { useCleanup } from '../../../../support/cleanup'
import { damageSessionsPage } from '../../../../support/damaged-cache-file'

const defer = useCleanup()

it('is moved aside, rebuilt and refilled from the platform in the run that finds it, showing nothing twice', async () => {
  const now = Date.now()
  const invite = anInvite({
    id: 'inv_1',
    request: aRequest({ id: 'req_open', createdAt: now }),
    sentAt: now,
    expiresAt: now + 60 * 60_000,
  })
  const platform = await startHostilePlatform({
    replay: snapshotThenNothing({ openInvites: [invite], sessions: manySessions(200), takenAt: now }),
  })
  const core = await adaSettledOn(defer, platform)
  await core.waitForNotifications(1)
  const { cache } = core.runtime
  damageSessionsPage(core.cachePath)
  // The running connection may still hold the damaged page as it read it before: the read that
  // reaches the damage is given SQLite's own word for it.
  cache.sessionHistory = () => {
    throw new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT')
  }
  const refilled = new Promise<void>((resolve) =>
    defer(
      core.runtime.core.cacheChanged.add((update) => {
        if (update.kind === 'replaced' && cache.openInvites(now).length > 0) resolve()
      }),
    ),
  )

  expect(() => cache.sessionHistory(500)).toThrow(/malformed/)
  await refilled

  expect(platform.connections()).toBe(2)
  expect(cache.openInvites(now).map((open) => open.id)).toEqual(['inv_1'])
  expect(cache.sessionHistory(500).length + cache.upcomingSessions(now, 500).length).toBeGreaterThan(0)
  const notices = core.adapters.notifier.shown.filter((shown) => shown.kind === 'notice')
  expect(notices).toEqual([expect.objectContaining({ title: 'Offline cache rebuilt' })])
  // The invite was shown once, before the damage; the rebuilt cache kept its mark.
  expect(core.adapters.notifier.shown.filter((shown) => shown.kind === 'invite')).toHaveLength(1)
  expect(readdirSync(core.dir).filter((name) => /^cache\.db\.corrupt-\w+$/.test(name))).toHaveLength(1)
})
