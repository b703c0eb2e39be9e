// A flood of client messages into an open thread: the pages hear the unread counts as they stand
// once the flood has been applied, counted once per run of changes rather than once per message,
// so the flood costs its length and not its square.
import { describe, expect, it } from 'vitest'
import type { UnreadThreads } from '../../../../../src/shared/ipc/contract'
import { anInvite, aMessage, aRequest, messageCreated } from '../../../../support/fixtures'
import { snapshotThenNothing, startHostilePlatform } from '../../../../support/hostile-platform'
import { adaSettledOn } from '../../../../support/test-core'
import { useCleanup } from '../../../../support/cleanup'

describe('the unread counts pushed to the pages', () => {
  const defer = useCleanup()

  it('are counted once per run of changes in a flood of messages, and pushed as they stand after it', async () => {
    const now = Date.now()
    const invite = anInvite({
      id: 'inv_1',
      request: aRequest({ id: 'req_1', createdAt: now }),
      sentAt: now,
      expiresAt: now + 60 * 60_000,
    })
    const platform = await startHostilePlatform({
      replay: snapshotThenNothing({ openInvites: [invite], takenAt: now }),
    })
    const core = await adaSettledOn(defer, platform)

    const { cache } = core.runtime
    const counting = cache.unreadThreads.bind(cache)
    let counted = 0
    cache.unreadThreads = (at) => {
      counted++
      return counting(at)
    }
    const flood = 1_000
    const pushed: UnreadThreads[] = []
    const all = new Promise<void>((resolve) =>
      defer(
        core.runtime.forwardPushes((event, payload) => {
          if (event !== 'messages.unreadChanged') return
          pushed.push(payload as UnreadThreads)
          if ((payload as UnreadThreads)[0]?.count === flood) resolve()
        }),
      ),
    )
    for (let n = 0; n < flood; n++)
      platform.io.emit(
        'platform-event',
        messageCreated(n + 2, aMessage({ id: `msg_${n}`, requestId: 'req_1', sentAt: now })),
      )
    await all
    expect(pushed.at(-1)).toEqual([{ requestId: 'req_1', count: flood }])
    expect(counted).toBeLessThan(flood / 4)
  })
})
