// The expert's first invite used to pay for zod building the event schema's checks (and for V8
// compiling zod's reading code) between its arrival and its notification; the link now has the
// schema read one event of every kind, as a page of the catch-up, as its first connection opens.
import { afterEach, describe, expect, it } from 'vitest'
import {
  READY_EVENTS,
  READY_PAGE,
  readyToReadEvents,
} from '../../../../../src/main/core/connection/event-reading-ready'
import { parseReplayPage } from '../../../../../src/main/core/connection/replay-page'
import { linkMessageHandlers } from '../../../../../src/main/core/connection/link-messages'
import { PassedOver } from '../../../../../src/main/core/connection/passed-over'
import { SentLately } from '../../../../../src/main/core/connection/flood-claim'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import { Listeners } from '../../../../../src/shared/listeners'
import { ManualClock } from '../../../../../src/shared/clock'
import { LIVE_EVENT, PlatformEvent } from '../../../../../src/shared/protocol'
import {
  aMessage,
  anExpert,
  anInvite,
  aSession,
  expertUpdated,
  inviteClosed,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../../support/fixtures'

const realFunction = globalThis.Function
/** Every kind of event the contract knows. */
const KINDS = new Set(PlatformEvent.options.map((option) => option.shape.type.value))

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
  it('builds nothing when the first event of each kind arrives', () => {
    const events = new Listeners<StreamEntry>(() => {})
    const heard: StreamEntry[] = []
    events.add((entry) => heard.push(entry))
    const quiet = { error: () => {} }
    const handlers = linkMessageHandlers(
      new PassedOver(quiet, new ManualClock(0)),
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
      messageCreated(2, aMessage()),
      inviteClosed(3, anInvite().id, 'taken'),
      sessionUpdated(4, aSession()),
      expertUpdated(5, anExpert()),
    ].map((event) => JSON.parse(JSON.stringify(event)) as { type: string })
    // Every kind the contract knows: a kind added since is read ahead too, or this fails.
    expect(new Set(arriving.map((event) => event.type))).toEqual(KINDS)
    const built = arriving.map((event) => [
      event.type,
      compiledDuring(() => handlers.received(LIVE_EVENT, event)),
    ])
    expect(built).toEqual(arriving.map((event) => [event.type, 0]))
    expect(heard.map((entry) => entry.type)).toEqual(arriving.map((event) => event.type))
    expect(atOpen).toBeGreaterThan(0)
  })

  it('builds nothing when the first page of the catch-up brings an invite missed while offline', () => {
    const page = JSON.parse(
      JSON.stringify({ kind: 'events', events: [inviteCreated(7, anInvite())], latestId: 7, hasMore: false }),
    ) as unknown
    readyToReadEvents()
    let read: ReturnType<typeof parseReplayPage> | undefined
    expect(compiledDuring(() => (read = parseReplayPage(page, { error: () => {} })))).toBe(0)
    expect(read).toMatchObject({ kind: 'events', entries: [{ id: 7, type: 'invite.created' }] })
  })

  it('reads the made-up page whole, nothing passed over', () => {
    const errors: string[] = []
    const read = parseReplayPage(READY_PAGE, { error: (line) => errors.push(line) })
    expect(errors).toEqual([])
    expect(read).toEqual({
      kind: 'events',
      entries: READY_EVENTS,
      latestId: READY_EVENTS.length,
      hasMore: false,
      unplaced: 0,
      unplacedOfUnknownKind: 0,
    })
  })

  it('reads each made-up event as a whole event of a kind of its own, one of every kind', () => {
    const read = READY_EVENTS.map((event) => PlatformEvent.safeParse(event))
    expect(read.map((r) => r.error?.issues ?? [])).toEqual(READY_EVENTS.map(() => []))
    // Read as written: no part refused quietly and dropped (a field read leniently), left unbuilt.
    expect(read.map((r) => r.data)).toEqual(READY_EVENTS)
    expect(new Set(read.map((r) => r.data?.type))).toEqual(KINDS)
    expect(read).toHaveLength(KINDS.size)
  })
})
