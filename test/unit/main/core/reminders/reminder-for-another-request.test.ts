// A reminder names the request its session was for. A platform restored from a backup can give
// the session's id to another request, at the same time even: a press on the first one's reminder
// (one that raced its withdrawal, one a desktop kept, one an earlier run showed) then acts on
// nothing, neither starting, snoozing nor opening the other's session, and says why. A reminder an
// earlier version showed names no request: it opens its session, as it always did.
// The routing (NotificationActions) runs over the real scheduler and cache.
import { describe, expect, it } from 'vitest'
import { REQUEST_UNKNOWN, type AppNotification } from '../../../../../src/main/core/ports/notifier'
import type { Session } from '../../../../../src/shared/protocol'
import { aScheduledRequest, aSnapshot, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit, routedPresses } from './reminder-kit'

const setUp = reminderKit()
const T = at(60)
type Reminder = Extract<AppNotification, { kind: 'reminder' }>

/** ses_1 booked at T, its 10 shown, presses routed as the core does; `restored()` gives ses_1 to another request at T. */
function theTenShown() {
  const kit = setUp()
  const first = kit.book('ses_1', T)
  kit.scheduler.start()
  kit.clock.advanceTo(T - 10 * MINUTE)
  const ten = kit.notifier.shown.at(-1) as Reminder
  expect(ten).toMatchObject({ bookedStart: T, requestId: first.request.id, startAllowed: true })
  let settle: () => void = () => {}
  let attempt: Promise<void> | null = null
  const { actions, started, notices, focus } = routedPresses(kit, () => attempt)
  const other: Session = {
    ...first,
    request: { ...aScheduledRequest('req_other', T), title: 'Other request' },
    updatedAt: kit.clock.now(),
  }
  /** The platform restored from a backup: a snapshot with ses_1 for another request, at the same time. */
  const restored = (): void => {
    kit.store.applySnapshot(
      aSnapshot({ sessions: [other], cursor: kit.store.cursor() + 1, takenAt: kit.clock.now() }),
    )
    kit.scheduler.cacheChanged({ kind: 'replaced', changedSessions: ['ses_1'] })
  }
  /** A connection attempt under way: a press waits for it; `settle()` ends it. */
  const connecting = (): void => {
    attempt = new Promise((resolve) => (settle = () => ((attempt = null), resolve())))
  }
  return { ...kit, ten, actions, started, notices, focus, restored, connecting, settle: () => settle() }
}

const OUT_OF_DATE =
  'Reminder out of date: In 10 minutes: Session ses_1. The session is no longer in your list. The window shows your sessions as they are now.'

describe('a press on the reminder of a session whose id went to another request', () => {
  it('Start: nothing started, the window opens on the lists, and the expert is told why', async () => {
    const { actions, ten, restored, started, notices, focus, scheduler } = theTenShown()
    restored()
    await actions.activate({ action: 'start', notification: ten })
    expect(started).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([OUT_OF_DATE])
    expect(focus).toEqual([{ kind: 'window' }])
    // The other's own reminder starts it.
    expect(scheduler.startAllowed('ses_1', T, 'req_other')).toBe(true)
    scheduler.stop()
  })

  it('Snooze: no snooze saved, so none comes back about the other', async () => {
    const { actions, ten, restored, notices, clock, titles, scheduler } = theTenShown()
    restored()
    await actions.activate({ action: 'snooze', notification: ten })
    expect(notices.map((n) => n.text)).toEqual([OUT_OF_DATE])
    const shown = titles().length
    clock.advanceTo(T - 4 * MINUTE)
    expect(titles()).toHaveLength(shown)
    scheduler.stop()
  })

  it('Start pressed while connecting, the snapshot coming in the meantime: refused once the attempt is over', async () => {
    const { actions, ten, restored, connecting, settle, started, notices, scheduler } = theTenShown()
    connecting()
    const press = actions.activate({ action: 'start', notification: ten })
    restored()
    settle()
    await press
    expect(started).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([
      'Could not start: In 10 minutes: Session ses_1. The session is no longer in your list.',
    ])
    scheduler.stop()
  })

  it("an earlier run's, pressed after a restart: the window, not the other's session, and it is taken down", async () => {
    const { actions, ten, restored, focus, notifier, scheduler } = theTenShown()
    restored()
    const earlier: Reminder = { ...ten, title: '', bookedStart: 0, startAllowed: false }
    const before = notifier.shown.length
    await actions.activate({ action: 'open', notification: earlier })
    expect(focus).toEqual([{ kind: 'window' }])
    expect(notifier.shown.slice(before)).toEqual([
      expect.objectContaining({ kind: 'reminder_closed', sessionId: 'ses_1', requestId: ten.requestId }),
      expect.objectContaining({ kind: 'notice', title: 'Reminder out of date' }),
    ])
    scheduler.stop()
  })

  it("an earlier version's, naming no request: opens its session, as before", async () => {
    const { actions, ten, restored, focus, notices, scheduler } = theTenShown()
    restored()
    await actions.activate({ action: 'open', notification: { ...ten, requestId: REQUEST_UNKNOWN } })
    expect(focus).toEqual([{ kind: 'session', sessionId: 'ses_1' }])
    expect(notices).toEqual([])
    scheduler.stop()
  })

  it('the same request still: Start starts it', async () => {
    const { actions, ten, started, notices, scheduler } = theTenShown()
    await actions.activate({ action: 'start', notification: ten })
    expect(started).toEqual(['ses_1'])
    expect(notices).toEqual([])
    scheduler.stop()
  })
})
