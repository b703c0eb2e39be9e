// A stored event larger than any message the app takes: no replay can bring it, and asked again
// after each reconnect it closed the connection for ever, so no later event ever arrived. It is
// passed over (logged once, in words that say what to do), and the events after it still arrive.
import { describe, expect, it } from 'vitest'
import { LIVE_EVENT } from '../../../../src/shared/protocol'
import { mostMessageBytes } from '../../../../src/shared/protocol/message-size'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import { goodEvent, startStreamPlatform } from '../../../support/stream-platform'
import { adaSettledOn, inviteTitled } from '../../../support/test-core'

/** Event `id`, its invite's title past the largest message (so no snapshot carries it either). */
function oversizedEvent(id: number): unknown {
  const event = goodEvent(id, Date.now())
  const request = { ...event.payload.invite.request, title: 'x'.repeat(mostMessageBytes()) }
  return { ...event, payload: { invite: { ...event.payload.invite, id: `inv_big${id}`, request } } }
}

describe('a stored event larger than any message', () => {
  const defer = useCleanup()

  it('is passed over once, and every later invite arrives and is shown once', async () => {
    const platform = await startStreamPlatform()
    platform.records.push(goodEvent(1, Date.now()))
    const lines: string[] = []
    const write = (message: string) => void lines.push(message)
    const log: Logger = { info: write, warn: write, error: write }
    const core = await adaSettledOn(defer, platform, log)
    const now = Date.now()
    platform.records.push(goodEvent(2, now), oversizedEvent(3), goodEvent(4, now), goodEvent(5, now))
    for (const socket of await platform.sockets()) socket.emit(LIVE_EVENT, platform.records[4])
    await inviteTitled(core, 'Good 5')
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.cache.cursor()).toBe(5)
    expect(core.runtime.cache.invite('inv_g4')?.state).toBe('open')
    expect(core.runtime.cache.invite('inv_big3')).toBeNull()
    const shown = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
    expect(shown.toSorted()).toEqual(['inv_g1', 'inv_g2', 'inv_g4', 'inv_g5'])
    expect(lines.filter((line) => line.startsWith('Skipped event 3 '))).toEqual([
      expect.stringMatching(/larger than any message Standby can take.*tell the platform's support/),
    ])
    // The connection it closed is not asked over: the next one's catch-up goes on, and says so.
    expect(lines.filter((line) => line.includes('not connected'))).toEqual([])
    const stopped = lines.filter((line) => line.startsWith('Catching up with the platform stopped'))
    expect(stopped).not.toEqual([])
    for (const line of stopped) expect(line).toMatch(/larger than any.*; trying again once connected again$/)
  })
})
