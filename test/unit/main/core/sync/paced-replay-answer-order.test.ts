import { describe, expect, it } from 'vitest'
import type { PlatformLink } from '../../../../../src/main/core/connection/platform-link'
import type { ReplayHooks, ReplayOptions } from '../../../../../src/main/core/connection/replay-request'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import { PacedReplay } from '../../../../../src/main/core/sync/paced-replay'
import { FULL_PAGE } from '../../../../../src/main/core/sync/replay-pace'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** The platform's latest event: the cursor stays before it, as the backlog is long. */
const LATEST = 1_000_000
const noEvents = { kind: 'events', latestId: LATEST, hasMore: false, unplaced: 0, unplacedOfUnknownKind: 0 }

/** The cache at the start of the backlog: no digest, no expert. */
const cache = { cursor: () => 0, cursorDigest: () => null, expert: () => null } as unknown as CacheStore

/**
 * Paced replays of a long backlog from a platform that works `platformMs` on each answer and sends
 * a page and the round trip asked beside it together over a fast link: the page's answer first
 * for the first `pageFirst` of them, and its time counted from an ask `askedLaterMs` after the round trip's.
 */
function pairedAnswers(platform: { platformMs: number; askedLaterMs: number; pageFirst: number }) {
  let pairs = 0
  const asked: number[] = []
  const sizes: ReplayOptions[] = []
  const eventBytes = 300
  /** The round trip's answer, once the page's has come when the platform sends that first. */
  let probeAnswer: (() => void) | undefined
  const link = {
    state: { kind: 'connected', welcome: { latestEventId: LATEST } },
    replay: (after: number, options: ReplayOptions, hooks: ReplayHooks) => {
      asked.push(after)
      if (after !== 0) {
        const crossed = (): void =>
          hooks.onCrossed?.({ bytes: 100, elapsedMs: platform.platformMs, aimMs: 2_000 })
        if (++pairs > platform.pageFirst) {
          crossed()
          return Promise.resolve({ ...noEvents, entries: [] })
        }
        return new Promise((resolve) => {
          probeAnswer = () => {
            crossed()
            resolve({ ...noEvents, entries: [] })
          }
        })
      }
      sizes.push(options)
      const { limit = FULL_PAGE.limit, maxBytes = FULL_PAGE.maxBytes } = options
      const events = Math.max(1, Math.min(limit, Math.floor(maxBytes / eventBytes)))
      const elapsedMs = platform.platformMs - platform.askedLaterMs
      hooks.onCrossed?.({ bytes: 100 + events * eventBytes, elapsedMs, aimMs: 2_000 })
      probeAnswer?.()
      probeAnswer = undefined
      const entries = Array.from({ length: events }, () => ({ type: 'unreadable' }))
      return Promise.resolve({ ...noEvents, hasMore: true, entries })
    },
  }
  const pages = new PacedReplay(link as unknown as PlatformLink, cache, silent)
  return {
    pages,
    asked,
    sizes: () => sizes.map(({ limit, maxBytes }) => ({ limit, maxBytes })),
    reconnect: () => (link.state = { kind: 'connected', welcome: { latestEventId: LATEST } }),
  }
}

describe('paced replay, by the order a page and the round trip beside it are answered in', () => {
  it('asks full pages of a platform slow after a restart whose two answers come together, the page a moment less after its ask', async () => {
    // Every answer waits 5 s on the platform's work, then crosses a fast link at once: both come
    // in one chunk, the round trip's first. The page was asked a moment after it, so counted
    // from its own ask, its answer took that moment less.
    const { pages, sizes } = pairedAnswers({ platformMs: 5_000, askedLaterMs: 0.5, pageFirst: 0 })
    for (let i = 0; i < 4; i++) await pages.next(false, undefined)
    expect(sizes().at(-1)).toEqual(FULL_PAGE)
  })

  it('times the round trip only now and then beside the pages of a platform that answers it after the page, and at once over the next connection', async () => {
    const { pages, asked, reconnect } = pairedAnswers({
      platformMs: 100,
      askedLaterMs: 0,
      pageFirst: Infinity,
    })
    for (let i = 0; i < 6; i++) await pages.next(false, undefined)
    expect(asked.filter((after) => after !== 0)).toHaveLength(1)
    reconnect()
    await pages.next(false, undefined)
    expect(asked.filter((after) => after !== 0)).toHaveLength(2)
  })

  it('asks full pages again over the same connection after a platform slow after a restart answered the round trip after the page once', async () => {
    // A pause on the platform held the round trip's answer back once; its later answers come in turn.
    const { pages, sizes } = pairedAnswers({ platformMs: 5_000, askedLaterMs: 0, pageFirst: 1 })
    for (let i = 0; i < 12; i++) await pages.next(false, undefined)
    expect(sizes().at(-1)).toEqual(FULL_PAGE)
  })
})
