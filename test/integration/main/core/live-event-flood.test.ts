// A platform pushing a flood of the largest live events while its replay is slow: the core holds
// them only up to a bound in size as well as in number, lets the rest go, and the next replay
// brings them, so each invite is still shown once and none is lost.
import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { adaCountingReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'
import { anAttachment, anInvite, aRequest, aSnapshot, inviteCreated } from '../../../support/fixtures'

/** An invite near the largest a message can carry: a full description, twenty long links. */
function largeInvite(id: number, now: number): PlatformEvent {
  const attachments = Array.from({ length: 20 }, (_, n) => ({
    ...anAttachment(n),
    url: `https://files.standby.test/${'a'.repeat(1_990)}/${n}.png`,
  }))
  const request = aRequest({
    id: `req_${id}`,
    title: `Flood ${id}`,
    description: '"'.repeat(20_000),
    attachments,
    createdAt: now,
  })
  return inviteCreated(id, anInvite({ id: `inv_${id}`, request, expiresAt: now + 3_600_000 }), now)
}

describe('a flood of large live events during a slow replay', () => {
  const defer = useCleanup()

  it('is held within a size bound, and what was let go comes with the next replay: each invite shown once', async () => {
    const now = Date.now()
    const stream = Array.from({ length: 120 }, (_, i) => largeInvite(i + 2, now))
    // How far the platform's stream goes; a slow answer goes as far as it did when it was asked.
    let visibleThrough = 1
    let slowAnswer: Promise<number> | undefined
    let replayStarted: () => void = () => {}
    const started = new Promise<void>((resolve) => (replayStarted = resolve))
    let answer: (through: number) => void = () => {}
    const { core, platform, asks, asked } = await adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 1 }),
      replay: async (request) => {
        if (request.snapshot === true)
          return { kind: 'snapshot', snapshot: aSnapshot({ cursor: 1, cursorDigest: 'd1', takenAt: now }) }
        let through = visibleThrough
        if (slowAnswer !== undefined) {
          const waiting = slowAnswer
          slowAnswer = undefined
          replayStarted()
          through = await waiting
        }
        // Ten to a page keeps each answer under the largest message the app reads.
        const after = stream.filter((e) => e.id > Number(request.after) && e.id <= through)
        return { kind: 'events', events: after.slice(0, 10), latestId: through, hasMore: after.length > 10 }
      },
    })
    await asked(2)
    expect(core.runtime.core.connection.status).toBe('online')

    // Event 3 arrives before 2: the core replays, and that replay is slow to answer.
    slowAnswer = new Promise<number>((resolve) => (answer = resolve))
    platform.io.emit('platform-event', stream[1])
    await started
    // Meanwhile the platform pushes the rest, over a hundred events of some 80,000 characters.
    for (const event of stream.slice(2)) platform.io.emit('platform-event', event)
    // The replay's answer follows them on the same socket: it knew only event 2 when asked. The
    // platform has the whole stream by the next replay.
    visibleThrough = 121
    answer(2)
    await core.waitForNotifications(120)
    await core.runtime.core.settled()

    const titles = core.adapters.notifier.shown.map((n) => n.title)
    expect(new Set(titles).size).toBe(120)
    expect(titles.filter((t) => t.endsWith('Flood 77'))).toHaveLength(1)
    expect(core.runtime.cache.cursor()).toBe(121)
    expect(core.runtime.core.connection.status).toBe('online')
    // The events let go were asked for again: held within the count bound alone, none would be.
    expect(asks()).toBeGreaterThan(3)
  })
})
