// The expert's first invite used to pay for zod building the event schema's checks (and for V8
// compiling zod's reading code) between its arrival and its notification; the link now has the
// schema read one invite as its first connection opens.
import { afterEach, describe, expect, it } from 'vitest'
import { READY_EVENTS } from '../../../../../src/main/core/connection/event-reading-ready'
import { linkMessageHandlers } from '../../../../../src/main/core/connection/link-messages'
import { PassedOver } from '../../../../../src/main/core/connection/passed-over'
import { SentLately } from '../../../../../src/main/core/connection/flood-claim'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import { Listeners } from '../../../../../src/shared/listeners'
import { ManualClock } from '../../../../../src/shared/clock'
import { LIVE_EVENT, PlatformEvent } from '../../../../../src/shared/protocol'
import { aMessage, anInvite, inviteClosed, inviteCreated } from '../../../../support/fixtures'

const realFunction = globalThis.Function

/** Count the functions compiled from text (zod builds its checks so) while `run` runs. */
function compiledDuring(run: () => void): number {
  let compiled = 0
  globalThis.Function = new Proxy(realFunction, {
    construct(target, args: string[]) {
      compiled++
      return Reflect.construct(target, args) as object
    },
  })
  try {
    run()
  } finally {
    globalThis.Function = realFunction
  }
  return compiled
}

afterEach(() => {
  globalThis.Function = realFunction
})

describe('reading events, made ready as the first connection opens', () => {
  // First in this file: once any test has read an event, the schema's checks are built.
  it("builds nothing when the expert's first invite, message or invite closing arrives", () => {
    const events = new Listeners<StreamEntry>(() => {})
    const heard: StreamEntry[] = []
    events.add((entry) => heard.push(entry))
    const quiet = { error: () => {} }
    const handlers = linkMessageHandlers(
      new PassedOver(quiet),
      events,
      undefined,
      new SentLately(new ManualClock(0)),
      {
        opened: () => {},
        failed: () => {},
        closed: () => {},
        welcomed: () => {},
        heard: () => {},
        crossing: () => {},
      },
    )
    const atOpen = compiledDuring(() => handlers.opened())
    const arriving = [
      inviteCreated(1, anInvite()),
      { id: 2, at: anInvite().sentAt, type: 'message.created', payload: { message: aMessage() } },
      inviteClosed(3, anInvite().id, 'taken'),
    ].map((event) => JSON.parse(JSON.stringify(event)) as unknown)
    for (const event of arriving) expect(compiledDuring(() => handlers.received(LIVE_EVENT, event))).toBe(0)
    expect(heard).toHaveLength(3)
    expect(atOpen).toBeGreaterThan(0)
  })

  it('reads each made-up event as a whole event, so every part of its schema is built', () => {
    const read = READY_EVENTS.map((event) => PlatformEvent.safeParse(event))
    expect(read.map((r) => r.success)).toEqual([true, true, true])
    expect(read.map((r) => r.data?.type)).toEqual(['invite.created', 'invite.closed', 'message.created'])
  })
})
