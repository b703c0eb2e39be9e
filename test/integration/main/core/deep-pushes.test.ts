// A platform pushing an event nested far deeper than any entity, written by hand since socket.io
// itself recurses over what it sends: the core passes over it, says so, and applies the next one.
import { describe, expect, it } from 'vitest'
import { anInvite, aRequest, inviteCreated } from '../../../support/fixtures'
import { snapshotThenNothing, startHostilePlatform } from '../../../support/hostile-platform'
import { deepJson } from '../../../support/raw-packets'
import { adaSettledOn } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

describe('a platform pushing a depth bomb', () => {
  const defer = useCleanup()

  it.each(['array', 'object'] as const)(
    'nested as %ss a hundred thousand deep, live: passed over with a notice, and the next invite shown once',
    async (kind) => {
      const platform = await startHostilePlatform({ replay: snapshotThenNothing({}) })
      const core = await adaSettledOn(defer, platform)
      const now = Date.now()
      const bomb = `{"id":2,"at":${now},"type":"invite.created","payload":{"invite":{"id":"inv_b","request":{"id":"req_b","tags":[${deepJson(kind, 100_000)}]}}}}`
      for (const socket of platform.io.sockets.sockets.values())
        socket.conn.write(`2["platform-event",${bomb}]`)
      const invite = anInvite({
        request: aRequest({ id: 'req_n', createdAt: now }),
        expiresAt: now + 300_000,
      })
      platform.io.emit('platform-event', inviteCreated(3, invite, now))
      await core.waitForNotifications(2)
      await core.runtime.core.settled()
      expect(core.adapters.notifier.shown.map((n) => n.kind).sort()).toEqual(['invite', 'notice'])
      expect(core.runtime.cache.cursor()).toBe(3)
      expect(core.runtime.core.connection.status).toBe('online')
    },
  )
})
