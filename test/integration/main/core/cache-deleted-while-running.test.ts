// The cache file deleted while the app runs (by hand, a cleaner, a sync tool): SQLite goes on
// writing to the file it has open, which nothing can find once the app quits. The app writes it
// back at its quit, so the next start still knows what was shown and shows nothing twice.
import { readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, it } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { startCoreFor, startOnlineCore } from '../../../support/test-core'

const defer = useCleanup()

it('shows no invite twice after a restart when the cache was deleted while running', async () => {
  const { platform, expert, core, platformUrl } = await startOnlineCore(defer)
  platform.inviteDirectly(expert.id, 'Before the delete')
  await core.waitForNotifications(1)
  for (const name of ['cache.db', 'cache.db-wal', 'cache.db-shm'])
    rmSync(join(dirname(core.cachePath), name), { force: true })
  platform.inviteDirectly(expert.id, 'After the delete')
  await core.waitForNotifications(2)
  core.runtime.close()
  expect(readdirSync(core.dir)).toContain('cache.db')

  const again = await startCoreFor(platformUrl, expert, { dir: core.dir })
  defer(() => again.close(true))
  await again.waitForState((s) => s.status === 'online')
  await again.runtime.core.settled()
  expect(again.adapters.notifier.shown.filter((n) => n.kind === 'invite')).toEqual([])
})
