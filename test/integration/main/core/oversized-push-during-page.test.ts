// A frame over the size limit closes the connection whatever it was: a live push arriving while a
// one-event replay page is awaited fails that page just as an event too large to cross would. The
// good event after the cursor must be neither passed over for it nor lost, even on a platform that
// answers a replay with no digest with the events after its cursor (no snapshot).
import { describe, expect, it } from 'vitest'
import { LIVE_EVENT } from '../../../../src/shared/protocol'
import { mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import { goodEvent, startStreamPlatform, type StreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, inviteTitled, type TestCore } from '../../../support/test-core'

/**
 * Have `platform` push a frame over the size limit instead of answering each replay of the events
 * after event 1, until `times` of them asked for one event; the replays it was asked, in order.
 */
function pushOversizedDuringPages(platform: StreamPlatform, times: number): Record<string, unknown>[] {
  const asked: Record<string, unknown>[] = []
  let oneEvent = 0
  platform.takeOverReplays((request, socket) => {
    asked.push(request)
    if (oneEvent >= times || request['after'] !== 1 || request['snapshot'] === true) return false
    if (request['limit'] === 1) oneEvent++
    socket.emit(LIVE_EVENT, { huge: 'x'.repeat(mostMessageBytes()) })
    return true
  })
  return asked
}

/** Events 2 and 3 stored, event 3 pushed (so the core catches up on event 2), and both shown. */
async function twoMoreInvites(platform: StreamPlatform, core: TestCore): Promise<void> {
  const now = Date.now()
  platform.records.push(goodEvent(2, now), goodEvent(3, now))
  for (const socket of await platform.sockets()) socket.emit(LIVE_EVENT, platform.records[2])
  await inviteTitled(core, 'Good 3')
  await inviteTitled(core, 'Good 2')
  await core.waitForState((s) => s.status === 'online')
  await core.runtime.core.settled()
}

/** What the expert was shown: each invite by id, each notice as such. */
function shownTo(core: TestCore): string[] {
  return core.adapters.notifier.shown.map((n) => (n.kind === 'invite' ? n.inviteId : n.kind)).toSorted()
}

describe('a live push over the size limit while a one-event page is awaited', () => {
  const defer = useCleanup()
  const lines: string[] = []
  const write = (message: string) => void lines.push(message)
  const log: Logger = { info: write, warn: write, error: write }

  /** Ada settled on event 1, then the oversized pushes met `times` times while two more invites arrive. */
  async function settledWithOversizedPushes(times: number) {
    lines.length = 0
    const platform = await startStreamPlatform({ ignoresMissingDigest: true })
    platform.records.push(goodEvent(1, Date.now()))
    const core = await adaSettledOn(defer, platform, log)
    const asked = pushOversizedDuringPages(platform, times)
    await twoMoreInvites(platform, core)
    return { core, asked }
  }

  it('passes no good event over: the page is asked again on the next connection', async () => {
    const { core, asked } = await settledWithOversizedPushes(1)
    expect(asked).toContainEqual(expect.objectContaining({ after: 1, limit: 1 }))
    expect(core.runtime.cache.cursor()).toBe(3)
    expect(shownTo(core)).toEqual(['inv_g1', 'inv_g2', 'inv_g3'])
    expect(lines.filter((line) => line.startsWith('Skipped event'))).toEqual([])
  })

  it('met on a second connection too, passes the event over but loses nothing: a snapshot follows', async () => {
    const { core, asked } = await settledWithOversizedPushes(2)
    expect(lines.filter((line) => line.startsWith('Skipped event'))).toEqual([
      expect.stringMatching(/^Skipped event 2 .*tell the platform's support/),
    ])
    // The cursor passed over an event: the next ask is for a snapshot, whatever the platform makes of no digest.
    const skippedAt = asked.findLastIndex((request) => request['after'] === 1)
    expect(asked.slice(skippedAt + 1).find((request) => request['after'] === 2)).toMatchObject({
      snapshot: true,
    })
    expect(core.runtime.cache.cursor()).toBe(3)
    expect(shownTo(core)).toEqual(['inv_g1', 'inv_g2', 'inv_g3', 'notice'])
  })
})
