/**
 * What the client does ahead of a booked session, through the whole core against the reference
 * platform on a manual clock: a cancellation is told once with its note and drops the session's
 * reminders; an accepted proposal of another time moves the reminders with the session; the
 * expert's own cancel is not told back to them.
 */
import { describe, expect, it } from 'vitest'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { bookedWorld } from '../../../support/booked-world'
import { useCleanup } from '../../../support/cleanup'
import type { TestCore } from '../../../support/test-core'

const MINUTE = 60_000

type Reminder = Extract<AppNotification, { kind: 'reminder' }>

describe('the client cancels or answers another time', () => {
  const defer = useCleanup()

  const reminders = (core: TestCore): ReadonlyArray<Reminder> =>
    core.adapters.notifier.shown.filter((n): n is Reminder => n.kind === 'reminder')
  const oneMore = (core: TestCore) => core.waitForNotifications(core.adapters.notifier.shown.length + 1)
  /** Resolves once the cache holds the session in a state `wanted` accepts. */
  const cached = (core: TestCore, sessionId: string, wanted: (state: string) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => wanted(core.runtime.cache.session(sessionId)?.state ?? '')
      if (check()) return resolve()
      const off = core.runtime.core.cacheChanged.add(() => {
        if (!check()) return
        off()
        resolve()
      })
    })

  it('a client’s cancellation is told once with the note, its reminders are dropped, and it stays told after a restart', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    const told = oneMore(world.core)
    world.platform.server.marketplace.clientCancel(world.sessionId, 'Found the bug myself, thanks!')
    await told
    expect(reminders(world.core)).toEqual([
      expect.objectContaining({
        moment: 'cancelled',
        sessionId: world.sessionId,
        title: expect.stringMatching(/^Sam cancelled Query plan, .+/),
        body: expect.stringMatching(
          /^Sam cancelled late and pays the cancellation fee\..*\nSam wrote: “Found the bug myself, thanks!”$/,
        ),
        startAllowed: false,
      }),
    ])
    expect(world.core.runtime.cache.sessionHistory(10)[0]).toMatchObject({
      id: world.sessionId,
      cancellation: { by: 'client', reason: 'client_cancelled' },
    })
    const again = await world.restart()
    world.pass(30 * MINUTE)
    world.pass(20 * MINUTE)
    world.pass(10 * MINUTE)
    // No reminder for the cancelled session, and the cancellation is not told again.
    expect(again.adapters.notifier.shown).toEqual([])
  })

  it('a client’s cancellation learned from a snapshot (away too long to replay) is told once, and not after the next snapshot', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    const { marketplace } = world.platform.server
    const expertId = world.core.runtime.cache.expert()?.id ?? ''
    /** An event after everything else, and the history before it forgotten: only a snapshot catches up. */
    const forgetHistory = (title: string) => {
      world.platform.inviteDirectly(expertId, title)
      marketplace.events.prune(1)
    }
    const again = await world.restart(() => {
      marketplace.clientCancel(world.sessionId, 'Found the bug myself, thanks!')
      forgetHistory('Later')
    })
    expect(again.runtime.cache.session(world.sessionId)?.state).toBe('cancelled')
    expect(reminders(again)).toEqual([
      expect.objectContaining({
        moment: 'cancelled',
        sessionId: world.sessionId,
        title: expect.stringMatching(/^Sam cancelled Query plan, .+/),
        body: expect.stringMatching(/^Sam cancelled late.*\nSam wrote: “Found the bug myself, thanks!”$/),
      }),
    ])
    const third = await world.restart(() => forgetHistory('Even later'))
    expect(reminders(third)).toEqual([])
  })

  it('the expert’s own cancel drops the reminders without telling them what they did', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    const ack = await world.core.runtime.core.command('session.cancel', {
      sessionId: world.sessionId,
      message: 'Sorry, I am ill.',
    })
    expect(ack).toMatchObject({ ok: true, result: { session: { cancellation: { by: 'expert' } } } })
    await cached(world.core, world.sessionId, (state) => state === 'cancelled')
    world.pass(30 * MINUTE)
    world.pass(30 * MINUTE)
    expect(world.core.adapters.notifier.shown).toEqual([])
  })

  it('an accepted new time is told once, and the reminders follow the new time', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    const later = world.bookedStart + 2 * 60 * MINUTE
    const proposed = await world.core.runtime.core.command('session.proposeTime', {
      sessionId: world.sessionId,
      proposedStart: later,
    })
    expect(proposed).toMatchObject({ ok: true, result: { session: { reschedule: { state: 'pending' } } } })
    const told = oneMore(world.core)
    world.platform.server.marketplace.answerProposal(world.sessionId, true)
    await told
    expect(reminders(world.core)).toEqual([
      expect.objectContaining({
        moment: 'rescheduled',
        title: 'Sam accepted the new time: Query plan',
        body: expect.stringMatching(/^Moved from .+ to .+\. Reminders follow the new time\.$/),
        bookedStart: later,
      }),
    ])
    // The old time's reminders are gone...
    world.pass(30 * MINUTE)
    world.pass(30 * MINUTE)
    expect(reminders(world.core)).toHaveLength(1)
    // ...and the new time's come at theirs, after a restart too, without the answer told again.
    const again = await world.restart()
    world.pass(90 * MINUTE)
    expect(reminders(again)).toEqual([
      expect.objectContaining({ moment: 'before', title: 'In 30 minutes: Query plan', bookedStart: later }),
    ])
  })

  it('a declined new time is told, and the session keeps its time and reminders', async () => {
    const world = await bookedWorld(defer, 'Query plan')
    await world.core.runtime.core.command('session.proposeTime', {
      sessionId: world.sessionId,
      proposedStart: world.bookedStart + 60 * MINUTE,
    })
    const told = oneMore(world.core)
    world.platform.server.marketplace.answerProposal(world.sessionId, false)
    await told
    expect(reminders(world.core).at(-1)).toMatchObject({
      moment: 'rescheduled',
      title: 'Sam declined the new time: Query plan',
      body: expect.stringMatching(/^The session stays at .+\./),
    })
    world.pass(30 * MINUTE)
    expect(reminders(world.core).at(-1)).toMatchObject({
      title: 'In 30 minutes: Query plan',
      bookedStart: world.bookedStart,
    })
  })
})
