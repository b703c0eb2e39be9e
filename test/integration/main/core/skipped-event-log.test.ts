// A broken event the platform sends more than once (pushed again, or pushed ahead of a gap and
// then replayed) is passed over once, and the log says so once: a line per arrival told the same
// fault again and again, and read as several broken events.
import { describe, expect, it } from 'vitest'
import { LIVE_EVENT } from '../../../../src/shared/protocol'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import { goodEvent, startStreamPlatform, type StreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, inviteTitled } from '../../../support/test-core'

/** Event `id` with an invite whose title is a number: broken by the platform, its id readable. */
function brokenEvent(id: number): unknown {
  const event = goodEvent(id, Date.now())
  const request = { ...event.payload.invite.request, title: 42 }
  return { ...event, payload: { invite: { ...event.payload.invite, id: `inv_b${id}`, request } } }
}

describe('a broken event sent more than once', () => {
  const defer = useCleanup()

  async function adaOn(platform: StreamPlatform) {
    const lines: string[] = []
    const write = (message: string) => void lines.push(message)
    const log: Logger = { info: write, warn: write, error: write }
    const core = await adaSettledOn(defer, platform, log)
    return {
      core,
      lines,
      push: async (event: unknown) => {
        for (const socket of await platform.sockets()) socket.emit(LIVE_EVENT, event)
      },
    }
  }

  it.each([
    ['pushed, then pushed again', [2, 3, 3, 4]],
    ['pushed ahead of the event before it, then replayed', [3, 4]],
  ])('%s: passed over and logged once, and the next event still shown', async (_, pushed) => {
    const platform = await startStreamPlatform()
    platform.records.push(goodEvent(1, Date.now()))
    const { core, lines, push } = await adaOn(platform)
    platform.records.push(goodEvent(2, Date.now()), brokenEvent(3), goodEvent(4, Date.now()))
    for (const id of pushed) await push(platform.records[id - 1])
    await inviteTitled(core, 'Good 4')
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(4)
    expect(lines.filter((line) => line.includes('event 3 '))).toEqual([
      expect.stringMatching(
        /^Skipped event 3 from the platform: it is malformed, a fault of the platform \(payload\.invite\.request\.title — /,
      ),
    ])
    expect(core.runtime.cache.invite('inv_b3')).toBeNull()
    const shown = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
    expect(shown.toSorted()).toEqual(['inv_g1', 'inv_g2', 'inv_g4'])
  })
})
