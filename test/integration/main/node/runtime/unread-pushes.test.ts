// A flood of client messages into an open thread: the pages hear the unread counts as they stand
// once the flood has been applied, counted once per run of changes rather than once per message,
// so the flood costs its length and not its square. A change that moves no count pushes nothing.
import { describe, expect, it } from 'vitest'
import type { UnreadThreads } from '../../../../../src/shared/ipc/contract'
import { anInvite, aMessage, aRequest, inviteCreated, messageCreated } from '../../../../support/fixtures'
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
  it('are not pushed again by a change that leaves them as they were: a new invite with no message', async () => {
    const now = Date.now()
    const open = (n: number) =>
      anInvite({
        id: `inv_${n}`,
        request: aRequest({ id: `req_${n}`, createdAt: now }),
        sentAt: now,
        expiresAt: now + 60 * 60_000,
      })
    const platform = await startHostilePlatform({
      replay: snapshotThenNothing({ openInvites: [open(1)], takenAt: now }),
    })
    const core = await adaSettledOn(defer, platform)
    const { cache } = core.runtime
    const counting = cache.unreadThreads.bind(cache)
    let counted: () => void = () => undefined
    cache.unreadThreads = (at) => {
      const threads = counting(at)
      counted()
      return threads
    }
    const pushed: UnreadThreads[] = []
    let heard: () => void = () => undefined
    defer(
      core.runtime.forwardPushes((event, payload) => {
        if (event !== 'messages.unreadChanged') return
        pushed.push(payload as UnreadThreads)
        heard()
      }),
    )
    const next = (set: (resolve: () => void) => void) => new Promise<void>((resolve) => set(resolve))
    const message = (id: number, n: number) =>
      messageCreated(id, aMessage({ id: `msg_${n}`, requestId: 'req_1', sentAt: now }))

    let pushedNow = next((resolve) => (heard = resolve))
    platform.io.emit('platform-event', message(2, 1))
    await pushedNow
    // The invite's change is counted (the counts could have moved), and found the same.
    const countedNow = next((resolve) => (counted = resolve))
    platform.io.emit('platform-event', inviteCreated(3, open(2)))
    await countedNow
    pushedNow = next((resolve) => (heard = resolve))
    platform.io.emit('platform-event', message(4, 2))
    await pushedNow

    expect(pushed).toEqual([[{ requestId: 'req_1', count: 1 }], [{ requestId: 'req_1', count: 2 }]])
  })
})
