// A whole catch-up through the paced replay and the real replay request, against a model of the
// platform (its request schema, its page rule in UTF-8 bytes) and of the link (a round trip, then
// the answer's bytes at the link's rate on a fake clock).
import { describe, expect, it } from 'vitest'
import { defaultLinkTimings } from '../../../../../src/main/core/connection/link-timings'
import type { PlatformLink } from '../../../../../src/main/core/connection/platform-link'
import {
  replayWatch,
  requestReplay,
  type ReplayHooks,
  type ReplayOptions,
} from '../../../../../src/main/core/connection/replay-request'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import type { LinkConnection } from '../../../../../src/main/core/ports/link-transport'
import { PacedReplay } from '../../../../../src/main/core/sync/paced-replay'
import { FULL_PAGE } from '../../../../../src/main/core/sync/replay-pace'
import { ManualClock } from '../../../../../src/shared/clock'
import { ReplayRequest } from '../../../../../src/shared/protocol'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** A link: its round trip (with the platform's work), what it carries a millisecond, and the text of each event. */
interface Link {
  readonly roundTripMs: number
  readonly bytesPerMs: number
  readonly text: string
}

/** The bounds of a page, as the platform reads a replay. */
interface PageAsked {
  readonly after: number
  readonly limit: number
  readonly maxBytes?: number | undefined
}

const utf8 = (value: unknown): number => Buffer.byteLength(JSON.stringify(value))

/** Event `id` of a backlog, an unknown kind the app keeps as a marker, so it needs no valid body. */
const eventOf = (id: number, text: string) => ({ id, type: 'future_kind', text })

/** The page the platform sends for `request`, by its rule: events while their UTF-8 bytes fit, at least one. */
function platformPage(request: PageAsked, backlog: number, text: string) {
  const events: Array<ReturnType<typeof eventOf>> = []
  let bytes = 0
  for (let id = request.after + 1; id <= backlog && events.length < request.limit; id++) {
    const event = eventOf(id, text)
    bytes += utf8(event)
    if (events.length > 0 && bytes > (request.maxBytes ?? FULL_PAGE.maxBytes)) break
    events.push(event)
  }
  return { kind: 'events', events, latestId: backlog, hasMore: (events.at(-1)?.id ?? backlog) < backlog }
}

/** Catch up on `backlog` events over `link`: every page asked, each checked as the platform checks it. */
async function catchUp(link: Link, backlog: number, most = 5_000) {
  const clock = new ManualClock(0)
  const asked: PageAsked[] = []
  const request = (_event: string, payload: unknown): Promise<unknown> => {
    // The platform refuses a page outside its limits: parsed as it parses.
    const checked = ReplayRequest.parse(payload)
    asked.push(checked)
    const ack = { ok: true, result: platformPage(checked, backlog, link.text) }
    const ms = link.roundTripMs + utf8(ack) / link.bytesPerMs
    return Promise.resolve().then(() => {
      clock.advance(ms)
      return ack
    })
  }
  const connection = { request } as unknown as LinkConnection
  const deps = {
    connection,
    clock,
    log: silent,
    reading: () => undefined,
    timed: () => {},
    ...replayWatch(defaultLinkTimings, (reason) => {
      throw new Error(reason)
    }),
  }
  const link$ = {
    replay: (after: number, options: ReplayOptions, hooks: ReplayHooks) =>
      requestReplay(deps, after, options, hooks),
  } as unknown as PlatformLink
  let cursor = 0
  const cache = {
    cursor: () => cursor,
    cursorDigest: () => null,
    expert: () => null,
  } as unknown as CacheStore
  const pages = new PacedReplay(link$, cache, silent)
  while (cursor < backlog && asked.length < most) {
    const page = await pages.next(false, undefined)
    if (page.kind !== 'events') throw new Error('a snapshot came')
    cursor = page.entries.at(-1)?.id ?? cursor
  }
  return { asked, caughtUp: cursor === backlog }
}

/** How many pages of the platform's own full size the backlog takes: every page asked full, as before pacing. */
function fullPageTrips(backlog: number, text: string): number {
  let trips = 0
  for (let after = 0; after < backlog; trips++) {
    const page = platformPage({ after, limit: FULL_PAGE.limit }, backlog, text)
    after = page.events.at(-1)!.id
  }
  return trips
}

const latin = 'Help wanted with a spreadsheet formula that sums the rows of one month. '.repeat(4)
// The same request in Japanese: a character is three bytes of UTF-8 but one of the text's length.
const japanese = '一か月分の行を合計する表計算の数式について手伝ってほしいです。'.repeat(5)

describe('a paced catch-up', () => {
  it('catches up on a fast local link in no more than one round trip more than full pages from the start', async () => {
    // Full pages from the first were the pace before pages were sized to the link; the first
    // page now asks for one event, as the link's rate is not known yet, and the next is full.
    const backlog = 50_000
    const { asked, caughtUp } = await catchUp({ roundTripMs: 1, bytesPerMs: 10_000, text: latin }, backlog)
    expect(caughtUp).toBe(true)
    expect(asked.length).toBeLessThanOrEqual(fullPageTrips(backlog, latin) + 1)
  })

  it('grows its pages to full ones over a link whose answers take about 2 s, whatever the script of the events', async () => {
    for (const text of [latin, japanese]) {
      const { asked } = await catchUp({ roundTripMs: 2_500, bytesPerMs: 1_000, text }, 50_000, 30)
      expect(asked.at(-1)).toMatchObject({ maxBytes: FULL_PAGE.maxBytes })
    }
  })
})
