import { describe, expect, it } from 'vitest'
import type { RemindersSent } from '../../../src/shared/ipc/contract'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import {
  createRemindersSentStore,
  followRemindersSent,
  sentMinutes,
} from '../../../src/renderer/store/reminders-sent-store'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { renderFirstFrame } from '../../../src/renderer/first-frame/render-first-frame'
import { aFirstFrame, aSession } from '../../support/fixtures'
import { heldReads, heldRereads } from '../../support/held-reads'

const START = Date.UTC(2026, 0, 6, 12, 0)

/** An API whose reads the test answers one by one, and whose pushes it plays. */
function setup() {
  const held = heldReads<RemindersSent>()
  const { app, reread } = heldRereads()
  const api = {
    sessions: { remindersSent: held.read, onRemindersSentChanged: held.onPush },
  } as unknown as Pick<StandbyApi, 'sessions'>
  const store = createValueStore<RemindersSent>([])
  followRemindersSent(api, app, store)
  return { store, answers: held.answers, push: held.push, reread, api, app }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve))
const sent = (...minutesBefore: number[]): RemindersSent => [
  { sessionId: 'ses_1', bookedStart: START, minutesBefore },
]

describe('the reminders sent, as the cards read them', () => {
  it('keep a push that came while a read was on its way: the read’s older answer is dropped', async () => {
    const { store, answers, push } = setup()
    push(sent(30, 10))
    answers[0]!(sent(30))
    await flush()
    expect(sentMinutes(store.getSnapshot(), 'ses_1', START)).toEqual([30, 10])
  })

  it('are read again with everything else, and the latest read wins', async () => {
    const { store, answers, reread } = setup()
    reread()
    answers[1]!(sent(30))
    await flush()
    answers[0]!([])
    await flush()
    expect(sentMinutes(store.getSnapshot(), 'ses_1', START)).toEqual([30])
  })

  it('count for the start they were sent for only: a session moved since has none sent yet', () => {
    expect(sentMinutes(sent(30), 'ses_1', START + 60_000)).toEqual([])
    expect(sentMinutes(sent(30), 'ses_2', START)).toEqual([])
  })

  it('are forgotten with the expert, and followed anew for the next', async () => {
    const held = heldReads<RemindersSent>()
    const api = {
      sessions: { remindersSent: held.read, onRemindersSentChanged: held.onPush },
    } as unknown as Pick<StandbyApi, 'sessions'>
    const app = { onReread: () => () => undefined }
    const scoped = createRemindersSentStore()
    scoped.show(api, app)
    held.answers[0]!(sent(30))
    await flush()
    expect(sentMinutes(scoped.store.getSnapshot(), 'ses_1', START)).toEqual([30])
    scoped.forget(false)
    expect(scoped.store.getSnapshot()).toEqual([])
    scoped.show(api, app)
    expect(held.answers).toHaveLength(2)
  })
})

describe('the popover’s pre-rendered frame', () => {
  it('lists no reminder the host marked sent as to come, though the frame’s time reads before it', () => {
    const session = aSession()
    const frame = (remindersSent: RemindersSent) =>
      renderFirstFrame(
        aFirstFrame({
          surface: 'popover',
          now: session.bookedStart - 40 * 60_000,
          upcoming: [session],
          remindersSent,
        }),
      )
    expect(frame([])).toMatch(/Reminders at [^<]+ and /)
    const sentThirty = frame([
      { sessionId: session.id, bookedStart: session.bookedStart, minutesBefore: [30] },
    ])
    expect(sentThirty).toMatch(/10-minute reminder at /)
    expect(sentThirty).not.toMatch(/Reminders at /)
  })
})
