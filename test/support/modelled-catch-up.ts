// A whole catch-up through the paced replay and the real replay request, against a model of the
// platform (its request schema, its page rule in UTF-8 bytes, its heartbeat) and of the link (a
// round trip, then the answer's bytes at the link's rate, on a fake clock).
import { defaultLinkTimings } from '../../src/main/core/connection/link-timings'
import { linkWire } from '../../src/main/core/connection/link-wire'
import type { PlatformLink } from '../../src/main/core/connection/platform-link'
import {
  replayWatch,
  requestReplay,
  type ReplayHooks,
  type ReplayOptions,
} from '../../src/main/core/connection/replay-request'
import type { CacheStore } from '../../src/main/core/ports/cache-store'
import type { LinkConnection } from '../../src/main/core/ports/link-transport'
import { PacedReplay } from '../../src/main/core/sync/paced-replay'
import { FULL_PAGE } from '../../src/main/core/sync/replay-pace'
import { ManualClock } from '../../src/shared/clock'
import { ReplayRequest } from '../../src/shared/protocol'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/**
 * A link: its round trip (with the platform's work), by how much that varies either way from one
 * send to the next, what it carries a millisecond, and the text of each event.
 */
export interface ModelLink {
  readonly roundTripMs: number
  readonly jitterMs?: number
  readonly bytesPerMs: number
  readonly text: string
}

/** The bounds of a page, as the platform reads a replay. */
export interface PageAsked {
  readonly after: number
  readonly limit: number
  readonly maxBytes?: number | undefined
}

/**
 * How long the platform waits for a pong: its ping waits behind the page on the wire, so a page
 * whose bytes take longer than this to cross costs the connection. The app now answers the ping
 * unasked while a message crosses (src/main/node/crossing-heartbeat.ts), so such a page no longer
 * costs a real connection, yet the live events behind it wait as long: the model still counts it
 * as a drop, which the page budget is there to avoid.
 */
export const PONG_TIMEOUT_MS = 8_000

const utf8 = (value: unknown): number => Buffer.byteLength(JSON.stringify(value))

/** A repeatable sequence of numbers in [0, 1) from `seed` (mulberry32), so a jittered run is the same each time. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }
}

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

/** What a modelled catch-up did: every page asked, whether it finished, how long it took, how many connections it cost. */
export interface ModelledCatchUp {
  /** The pages asked, without the answers of none or few events after the latest that time the round trip. */
  readonly asked: PageAsked[]
  readonly caughtUp: boolean
  readonly elapsedMs: number
  readonly drops: number
}

/**
 * Catch up on `backlog` events over the link `linkAt` gives for each page (by its index), its
 * jitter drawn from `seed`: every
 * page asked is checked as the platform checks it; a page whose bytes take longer than the pong
 * timeout drops the connection, which costs a round trip to open again and makes pages smaller,
 * as the sync engine does. Stops after `most` pages.
 */
export async function modelledCatchUp(
  linkAt: (page: number) => ModelLink,
  backlog: number,
  most = 5_000,
  seed = 1,
): Promise<ModelledCatchUp> {
  const clock = new ManualClock(0)
  const asked: PageAsked[] = []
  let drops = 0
  const random = randomFrom(seed)
  // Requests sent at one moment go out on one connection in turn and wait alike: one draw of the
  // jitter for each moment something is sent.
  let drawn = { at: Number.NaN, roundTripMs: 0 }
  const roundTripOf = (link: ModelLink): number => {
    if (drawn.at !== clock.now()) {
      const jitter = link.jitterMs ?? 0
      drawn = { at: clock.now(), roundTripMs: Math.max(0, link.roundTripMs + (2 * random() - 1) * jitter) }
    }
    return drawn.roundTripMs
  }
  // Answers in flight, each due when its bytes have crossed: the platform answers in turn, and
  // an answer's bytes wait on the wire behind the one before.
  let inFlight: Array<{ due: number; settle: () => void }> = []
  let wireFreeAt = 0
  const request = (_event: string, payload: unknown): Promise<unknown> => {
    const link = linkAt(asked.length)
    // The platform refuses a page outside its limits: parsed as it parses.
    const checked = ReplayRequest.parse(payload)
    asked.push(checked)
    const ack = { ok: true, result: platformPage(checked, backlog, link.text) }
    const crossingMs = utf8(ack) / link.bytesPerMs
    const starts = Math.max(wireFreeAt, clock.now() + roundTripOf(link))
    return new Promise((resolve, reject) => {
      if (crossingMs > PONG_TIMEOUT_MS) {
        // The ping waits behind the page: the connection drops, and every answer on it is lost.
        inFlight.push({
          due: starts + PONG_TIMEOUT_MS,
          settle: () => {
            for (const other of inFlight) other.settle = () => {}
            reject(new Error('transport close'))
          },
        })
      } else {
        wireFreeAt = starts + crossingMs
        inFlight.push({ due: wireFreeAt, settle: () => resolve(ack) })
      }
      // Once the catch-up has asked all it asks now, the clock moves to the first answer due.
      setImmediate(() => {
        const first = inFlight.sort((a, b) => a.due - b.due)[0]
        if (first === undefined) return
        inFlight = inFlight.filter((answer) => answer !== first)
        clock.advanceTo(Math.max(clock.now(), first.due))
        first.settle()
      })
    })
  }
  const connection = { request } as unknown as LinkConnection
  const deps = {
    ...linkWire(connection, clock, silent, undefined, () => {}),
    ...replayWatch(defaultLinkTimings, (reason) => {
      throw new Error(reason)
    }),
  }
  const link = {
    // Each connection has its own welcome.
    state: { kind: 'connected', welcome: { latestEventId: backlog } },
    replay: (after: number, options: ReplayOptions, hooks: ReplayHooks) =>
      requestReplay(deps, after, options, hooks),
  }
  let cursor = 0
  const cache = {
    cursor: () => cursor,
    cursorDigest: () => null,
    expert: () => null,
  } as unknown as CacheStore
  const pages = new PacedReplay(link as unknown as PlatformLink, cache, silent)
  while (cursor < backlog && asked.length < most) {
    try {
      const page = await pages.next(false, undefined)
      if (page.kind !== 'events') throw new Error('a snapshot came')
      cursor = page.entries.at(-1)?.id ?? cursor
    } catch (error) {
      if (!(error instanceof Error) || error.message !== 'transport close') throw error
      drops++
      pages.smaller()
      // A new connection: its handshake takes a round trip or so, and nothing sent before crosses it.
      link.state = { kind: 'connected', welcome: { latestEventId: backlog } }
      inFlight = []
      clock.advance(linkAt(asked.length).roundTripMs)
      wireFreeAt = clock.now()
    }
  }
  const pagesAsked = asked.filter((page) => page.after < backlog)
  return { asked: pagesAsked, caughtUp: cursor === backlog, elapsedMs: clock.now(), drops }
}

/** How many pages of the platform's own full size the backlog takes: every page asked full, as before pacing. */
export function fullPageTrips(backlog: number, text: string): number {
  let trips = 0
  for (let after = 0; after < backlog; trips++) {
    const page = platformPage({ after, limit: FULL_PAGE.limit }, backlog, text)
    after = page.events.at(-1)!.id
  }
  return trips
}
