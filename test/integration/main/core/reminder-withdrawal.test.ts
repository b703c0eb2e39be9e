/**
 * A reminder on screen leaves it when the reference platform says its session no longer waits,
 * through the whole core on a manual clock: the client cancels (withdrawn before the cancel is
 * told), and a cancel made while the app was closed reaches the reminder an earlier run showed,
 * once, however often the app starts again.
 */
import { describe, expect, it } from 'vitest'
import { bookedWorld } from '../../../support/booked-world'
import { useCleanup } from '../../../support/cleanup'

const MINUTE = 60_000

describe('a shown reminder withdrawn by what the platform says', () => {
  const defer = useCleanup()

  it('the client cancels: the reminder leaves the screen, then the cancel is told', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    const { notifier } = world.core.adapters
    world.pass(30 * MINUTE)
    expect(notifier.remindersOnScreen.map((r) => r.title)).toEqual(['In 30 minutes: Query plan'])
    const told = world.core.waitForNotifications(notifier.shown.length + 2)
    world.platform.server.marketplace.clientCancel(world.sessionId, 'Found the bug myself, thanks!')
    await told
    expect(notifier.shown.slice(1).map((n) => [n.kind, n.body.split('.')[0]])).toEqual([
      ['reminder_closed', 'The session was cancelled'],
      ['reminder', 'Sam cancelled late and pays the cancellation fee'],
    ])
    expect(notifier.withdrawnReminders).toEqual([world.sessionId])
  })

  it('cancelled while the app was closed: the catch-up withdraws the earlier run’s reminder, once', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    world.pass(50 * MINUTE)
    expect(world.core.adapters.notifier.remindersOnScreen.map((r) => r.title)).toEqual([
      'In 10 minutes: Query plan',
    ])
    const again = await world.restart(() =>
      world.platform.server.marketplace.clientCancel(world.sessionId, 'Found the bug myself, thanks!'),
    )
    expect(again.adapters.notifier.withdrawnReminders).toEqual([world.sessionId])
    const third = await world.restart()
    world.pass(20 * MINUTE)
    expect(third.adapters.notifier.withdrawnReminders).toEqual([])
  })
})
