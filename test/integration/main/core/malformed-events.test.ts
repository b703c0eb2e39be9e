// A platform whose replay pages hold items that cannot be placed in the stream. Kinds of events
// this version does not know mean the platform is ahead: update Standby. Anything else is the
// platform's fault: the expert is told so, and what to do, and the core keeps asking.
import { describe, expect, it } from 'vitest'
import { adaCountingReplays, type CountedReplays } from '../../../support/counted-replays'
import { useCleanup } from '../../../support/cleanup'

describe('a platform sending events that cannot be placed', () => {
  const defer = useCleanup()

  /** Ada's core on a platform answering every replay with `events`. */
  function adaOnPlatformSending(events: unknown[]): Promise<CountedReplays> {
    return adaCountingReplays(defer, {
      welcome: () => ({ latestEventId: 9 }),
      replay: () => ({ kind: 'events', events, latestId: 9, hasMore: true }),
    })
  }

  it('malformed: says the platform is at fault and to tell its support, not to update, and asks again', async () => {
    const { core, clock, asks, asked } = await adaOnPlatformSending([
      { type: 'invite.created', id: 'ten', payload: {} },
      { payload: 'junk' },
    ])
    await asked(1)
    clock.advance(1_000)
    const shown = await core.waitForState((s) => s.status !== 'connecting')
    expect(shown).toMatchObject({
      status: 'offline',
      reason: expect.stringMatching(/malformed .* a fault of the platform .* tell the platform's support/),
    })
    expect(shown.status === 'offline' && shown.reason).not.toMatch(/[Uu]pdate Standby/)
    // Tried again after the wait, not given up on.
    expect(asks()).toBe(2)
    clock.advance(2_000)
    await asked(3)
  })

  it('of kinds this version does not know: says to update Standby, and stops asking', async () => {
    const { core, asks, asked } = await adaOnPlatformSending([{ type: 'payout.sent', ref: 'p_1' }])
    await asked(1)
    const stuck = await core.waitForState((s) => s.status !== 'connecting')
    expect(stuck).toMatchObject({ status: 'incompatible', message: expect.stringMatching(/Update Standby/) })
    expect(asks()).toBe(1)
  })
})
