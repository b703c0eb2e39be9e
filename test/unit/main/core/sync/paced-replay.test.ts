import { describe, expect, it } from 'vitest'
import type { PlatformLink } from '../../../../../src/main/core/connection/platform-link'
import type {
  ReplayOptions,
  PageCrossing,
  ReplayHooks,
} from '../../../../../src/main/core/connection/replay-request'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import { PacedReplay } from '../../../../../src/main/core/sync/paced-replay'
import { FULL_PAGE } from '../../../../../src/main/core/sync/replay-pace'
import { MIN_REPLAY_PAGE_BYTES } from '../../../../../src/shared/protocol'
import { PONG_TIMEOUT_MS } from '../../../../support/modelled-catch-up'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** A link: what its round trip takes, what it carries a millisecond, how big an event is. */
interface Link {
  readonly roundTripMs: number
  readonly bytesPerMs: number
  readonly eventBytes: number
}

/** The cache, its cursor as `cursor` says: no digest, no expert. */
const cacheAt = (cursor: () => number): CacheStore =>
  ({ cursor, cursorDigest: () => null, expert: () => null }) as unknown as CacheStore

/** The platform's latest event: the cursor stays before it, as the backlog is long. */
const LATEST = 1_000_000
const noEvents = { kind: 'events', latestId: LATEST, hasMore: false, unplaced: 0, unplacedOfUnknownKind: 0 }

/** Paced replays of a long backlog over `link`: each page carries what it asked for, at the link's rate. */
function pacedOver(link: Link) {
  const asked: ReplayOptions[] = []
  const replay = (after: number, options: ReplayOptions, hooks: ReplayHooks) => {
    // Not a page: the events after the platform's latest, asked to time the round trip; its
    // bytes are too few to count, and the page's cross behind it.
    if (after !== 0) {
      hooks.onCrossed?.({ bytes: 0, elapsedMs: link.roundTripMs, aimMs: 2_000 })
      return Promise.resolve({ ...noEvents, entries: [] })
    }
    asked.push(options)
    const { limit = FULL_PAGE.limit, maxBytes = FULL_PAGE.maxBytes } = options
    const events = Math.max(1, Math.min(limit, Math.floor(maxBytes / link.eventBytes)))
    const bytes = events * link.eventBytes
    const crossing: PageCrossing = {
      bytes,
      elapsedMs: link.roundTripMs + bytes / link.bytesPerMs,
      aimMs: 2_000,
    }
    hooks.onCrossed?.(crossing)
    const entries = Array.from({ length: events }, () => ({ type: 'unreadable' }))
    return Promise.resolve({
      kind: 'events',
      entries,
      latestId: LATEST,
      hasMore: true,
      unplaced: 0,
      unplacedOfUnknownKind: 0,
    })
  }
  const welcome = { latestEventId: LATEST }
  const platformLink = { replay, state: { kind: 'connected', welcome } } as unknown as PlatformLink
  const cache = cacheAt(() => 0)
  const pages = new PacedReplay(platformLink, cache, silent)
  const sizes = (): Array<{ limit?: number; maxBytes?: number }> =>
    asked.map(({ limit, maxBytes }) => ({ limit, maxBytes }))
  return { pages, sizes }
}

/** What the platform answers a replay after `after`: how many events, in how many bytes, after how long. */
type Answer = (
  after: number,
  options: ReplayOptions,
  probe: boolean,
  latestId: number,
) => { events: number; bytes: number; elapsedMs: number }

/**
 * Paced replays from a platform whose latest event is `latestId`, answering as `answer` says: the
 * replays each page asked for, and reconnecting with a backlog of some events more.
 */
function reconnectingPlatform(latestId: number, answer: Answer) {
  const platform = { latestId }
  let cursor = 0
  const asked: number[] = []
  const link = {
    state: { kind: 'connected', welcome: { latestEventId: platform.latestId } },
    replay: (after: number, options: ReplayOptions, hooks: ReplayHooks) => {
      asked.push(after)
      const probe = hooks.cachedExpert === undefined
      const { events, bytes, elapsedMs } = answer(after, options, probe, platform.latestId)
      hooks.onCrossed?.({ bytes, elapsedMs, aimMs: 2_000 })
      const entries = Array.from({ length: events }, () => ({ type: 'unreadable' }))
      const hasMore = after + events < platform.latestId
      return Promise.resolve({ ...noEvents, latestId: platform.latestId, hasMore, entries })
    },
  }
  const pages = new PacedReplay(
    link as unknown as PlatformLink,
    cacheAt(() => cursor),
    silent,
  )
  /** The replays asked for the next page. */
  const page = async (): Promise<number[]> => {
    asked.length = 0
    const answer = await pages.next(false, undefined)
    if (answer.kind === 'events') cursor += answer.entries.length
    return [...asked]
  }
  return {
    page,
    /** The replays asked for the first page over a new connection, with `backlog` events to catch up. */
    reconnect: async (backlog: number): Promise<number[]> => {
      platform.latestId = cursor + backlog
      link.state = { kind: 'connected', welcome: { latestEventId: platform.latestId } }
      return page()
    },
    caughtUp: async (): Promise<number> => {
      while (cursor < platform.latestId) await page()
      return cursor
    },
  }
}

describe('paced replay', () => {
  it('asks first for one event, then for full pages once the link proves fast', async () => {
    const { pages, sizes } = pacedOver({ roundTripMs: 1, bytesPerMs: 2_000, eventBytes: 500 })
    await pages.next(false, undefined)
    await pages.next(false, undefined)
    expect(sizes()).toEqual([{ limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES }, FULL_PAGE])
  })

  it('asks on a slow link for what crosses in the aimed time, in events below the smallest byte budget', async () => {
    // Events of 250 bytes at 250 B/s: 2 s carry 500 bytes, two events.
    const { pages, sizes } = pacedOver({ roundTripMs: 0, bytesPerMs: 0.25, eventBytes: 250 })
    for (let i = 0; i < 4; i++) await pages.next(false, undefined)
    for (const size of sizes().slice(1)) expect(size).toEqual({ limit: 2, maxBytes: MIN_REPLAY_PAGE_BYTES })
  })

  it('measures the link again from one event after it dropped under a page, as a link that turned slow drops what its old rate allowed', async () => {
    // Events of 500 bytes at 1,000 B/s: the aimed time carries 2,000 bytes, four events.
    const link = { roundTripMs: 0, bytesPerMs: 1, eventBytes: 500 }
    const { pages, sizes } = pacedOver(link)
    await pages.next(false, undefined)
    await pages.next(false, undefined)
    // The link turns to 500 B/s and drops under four events: two cross in the aimed time.
    link.bytesPerMs = 0.5
    pages.smaller()
    await pages.next(false, undefined)
    await pages.next(false, undefined)
    expect(sizes().slice(1)).toEqual([
      { limit: 4, maxBytes: 2_000 },
      { limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES },
      { limit: 2, maxBytes: MIN_REPLAY_PAGE_BYTES },
    ])
  })

  it('times the round trip on a platform restored from a backup after its own latest event, not the one before the restore', async () => {
    // Asked for the events after one it never had, the platform builds and sends a snapshot instead.
    // Pages of one event that each take longer than the aimed time would keep one size: each
    // page wants the round trip timed beside it.
    const probed: number[] = []
    const platform = { latestId: 500 }
    const link = {
      state: { kind: 'connected', welcome: { latestEventId: platform.latestId } },
      replay: (after: number, _options: ReplayOptions, hooks: ReplayHooks) => {
        const probe = hooks.cachedExpert === undefined
        if (probe) probed.push(after)
        // 10 s before an answer starts, then 100 B/s.
        hooks.onCrossed?.({ bytes: 300, elapsedMs: probe ? 10_000 : 13_000, aimMs: 2_000 })
        const entries = after < platform.latestId ? [{ type: 'unreadable' }] : []
        return Promise.resolve({
          ...noEvents,
          latestId: platform.latestId,
          hasMore: entries.length > 0,
          entries,
        })
      },
    }
    const cache = cacheAt(() => 0)
    const pages = new PacedReplay(link as unknown as PlatformLink, cache, silent)
    await pages.next(false, undefined)
    platform.latestId = 200
    // The platform restarted from its backup: a new connection, whose welcome says its latest.
    link.state = { kind: 'connected', welcome: { latestEventId: platform.latestId } }
    await pages.next(false, undefined)
    expect(probed).toEqual([500, 200])
  })

  it('sizes the first pages after a reconnect by the new link, not against answers that crossed the one before', async () => {
    // Full pages over a network whose answers come late but fast; then the computer moves to
    // one as late whose rate is 500 B/s, and the platform has one event more to send.
    let network = { roundTripMs: 2_700, bytesPerMs: 100 }
    let backlog = true
    const eventBytes = 300
    const asked: ReplayOptions[] = []
    const link = {
      state: { kind: 'connected', welcome: { latestEventId: LATEST } },
      replay: (_after: number, options: ReplayOptions, hooks: ReplayHooks) => {
        const probe = hooks.cachedExpert === undefined
        if (!probe) asked.push(options)
        const { limit = FULL_PAGE.limit, maxBytes = FULL_PAGE.maxBytes } = options
        const events = probe
          ? 0
          : backlog
            ? Math.max(1, Math.min(limit, Math.floor(maxBytes / eventBytes)))
            : 1
        const bytes = 100 + events * eventBytes
        const elapsedMs = network.roundTripMs + bytes / network.bytesPerMs
        hooks.onCrossed?.({ bytes, elapsedMs, aimMs: 2_000 })
        const entries = Array.from({ length: events }, () => ({ type: 'unreadable' }))
        return Promise.resolve({ ...noEvents, hasMore: backlog, entries })
      },
    }
    const cache = cacheAt(() => 0)
    const pages = new PacedReplay(link as unknown as PlatformLink, cache, silent)
    for (let i = 0; i < 3; i++) await pages.next(false, undefined)
    expect(asked.at(-1)).toMatchObject({ maxBytes: FULL_PAGE.maxBytes })
    network = { roundTripMs: 2_200, bytesPerMs: 0.5 }
    backlog = false
    link.state = { kind: 'connected', welcome: { latestEventId: LATEST } }
    await pages.next(false, undefined)
    backlog = true
    await pages.next(false, undefined)
    // A page the new link carries before the platform's ping times out, not a full one that
    // takes a minute to cross it and costs the connection.
    expect(asked.at(-1)!.maxBytes).toBeLessThan(network.bytesPerMs * PONG_TIMEOUT_MS)
  })

  it('asks once on a connect with nothing to catch up, as the page itself is the events after the platform’s latest', async () => {
    const asked: number[] = []
    const link = {
      state: { kind: 'connected', welcome: { latestEventId: LATEST } },
      replay: (after: number, _options: ReplayOptions, hooks: ReplayHooks) => {
        asked.push(after)
        hooks.onCrossed?.({ bytes: 100, elapsedMs: 40, aimMs: 2_000 })
        return Promise.resolve({ ...noEvents, entries: [] })
      },
    }
    const cache = cacheAt(() => LATEST)
    const pages = new PacedReplay(link as unknown as PlatformLink, cache, silent)
    await pages.next(false, undefined)
    expect(asked).toEqual([LATEST])
  })

  it('asks once on a reconnect whose backlog the page holds whole, and beside a page that cannot hold it the round trip too', async () => {
    // 1,000 apps reconnecting to a restarted platform with an invite or two each: a second
    // replay apiece would time a round trip for pages that never come.
    const { reconnect, caughtUp } = reconnectingPlatform(10, (after, options, _probe, latestId) => {
      const events = Math.min(options.limit ?? FULL_PAGE.limit, latestId - after)
      return { events, bytes: 100 + 300 * events, elapsedMs: 40 + events }
    })
    // The first page over a link of unknown rate is one event: ten need the round trip timed.
    expect(await reconnect(10)).toEqual([10, 0])
    const cursor = await caughtUp()
    expect(await reconnect(2)).toEqual([cursor])
    expect(await reconnect(0)).toEqual([cursor + 2])
  })

  it('times the round trip beside the second page of a backlog few in events but more in bytes than a page holds', async () => {
    // Full pages kept from a quick network; after a reconnect, five invites with long accounts:
    // the page's events would hold them all, but its bytes hold one. Without the round trip
    // the rest would be sized by a page whose time is mostly the round trip.
    const eventBytes = 20_000
    const { page, reconnect, caughtUp } = reconnectingPlatform(100, (after, options, probe, latestId) => {
      const { limit = FULL_PAGE.limit, maxBytes = FULL_PAGE.maxBytes } = options
      const left = probe ? 0 : latestId - after
      const events = Math.min(left, limit, Math.max(1, Math.floor(maxBytes / eventBytes)))
      const bytes = 100 + events * eventBytes
      return { events, bytes, elapsedMs: 40 + bytes / 1_000 }
    })
    const cursor = await caughtUp()
    // The first page asks alone, as its events would hold the backlog; the second asks beside it.
    expect(await reconnect(5)).toEqual([cursor])
    expect(await page()).toEqual([cursor + 5, cursor + 1])
  })
})
