// A platform restored from a backup issues again the event and invite ids it issued after the
// backup. An invite the expert was shown, closed and then gone from the cache leaves its id
// remembered as shown: a new invite under that id, for another request, must still be announced,
// once; the invite that was shown is never shown again.
import { describe, expect, it } from 'vitest'
import {
  anExpert,
  anInvite,
  aRequest,
  aSnapshot,
  inviteClosed,
  inviteCreated,
} from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { adaSettledOn, type TestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

/** The title of each invite notification shown, in order. */
const inviteTitles = (core: TestCore): string[] =>
  core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : []))

describe('an invite id a restored platform issues again', () => {
  const defer = useCleanup()

  it('announces the new invite for another request once, and never the one shown before', async () => {
    const now = Date.now()
    const invite = (requestId: string, title: string) =>
      anInvite({
        id: 'inv_1',
        request: aRequest({ id: requestId, title, createdAt: now }),
        expiresAt: now + 3_600_000,
      })
    const first = invite('req_before', 'Lost with the restore')
    const other = invite('req_after', 'Issued after the restore')
    const expert = anExpert({ id: 'exp_ada' })
    let restored = false
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: (asked) => {
        const digest = restored ? 'd_restored' : 'd_1'
        if (asked.snapshot === true || asked.digest !== digest)
          return {
            kind: 'snapshot',
            snapshot: aSnapshot({ expert, cursor: 1, cursorDigest: digest, takenAt: Date.now() }),
          }
        return { kind: 'events', events: [], latestId: 1, hasMore: false }
      },
    })
    const core = await adaSettledOn(defer, platform)
    platform.io.emit('platform-event', inviteCreated(2, first, now))
    await core.waitForNotifications(1)
    platform.io.emit('platform-event', inviteClosed(3, first.id, 'withdrawn'))
    await core.waitForNotifications(2)
    await core.runtime.core.settled()

    // Restored to its backup at event 1: the app's next replay finds another stream and rebuilds
    // from its snapshot, which no longer holds the first invite; then the platform issues event 2
    // and invite inv_1 again, for another request.
    restored = true
    const connections = platform.connections()
    platform.io.disconnectSockets()
    await core.waitForState((s) => s.status === 'online' && platform.connections() > connections)
    await core.runtime.core.settled()
    expect(core.runtime.cache.invite(first.id)).toBeNull()
    platform.io.emit('platform-event', inviteCreated(2, other, now))
    await core.waitForNotifications(3)
    await core.runtime.core.settled()

    expect(inviteTitles(core)).toEqual([
      expect.stringContaining(first.request.title),
      expect.stringContaining(other.request.title),
    ])
  })
})
