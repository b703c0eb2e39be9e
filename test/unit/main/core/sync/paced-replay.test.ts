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

const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** Paced replays over a link whose every page carries `events` events and crosses as `crossing` says. */
function pacedOver(crossing: PageCrossing, events = 4) {
  const asked: ReplayOptions[] = []
  const link = {
    replay: (_after: number, options: ReplayOptions, hooks: ReplayHooks) => {
      asked.push(options)
      hooks.onCrossed?.(crossing)
      const entries = Array.from({ length: events }, () => ({ type: 'unreadable' }))
      return Promise.resolve({
        kind: 'events',
        entries,
        latestId: 0,
        hasMore: true,
        unplaced: 0,
        unplacedOfUnknownKind: 0,
      })
    },
  } as unknown as PlatformLink
  const cache = { cursor: () => 0, cursorDigest: () => null, expert: () => null } as unknown as CacheStore
  const pages = new PacedReplay(link, cache, silent)
  const sizes = (): Array<{ limit?: number; maxBytes?: number }> =>
    asked.map(({ limit, maxBytes }) => ({ limit, maxBytes }))
  return { pages, sizes }
}

describe('paced replay', () => {
  it('asks first for one event, then for full pages once the link proves fast', async () => {
    const { pages, sizes } = pacedOver({ bytes: 2_000, elapsedMs: 1, aimMs: 2_000 })
    await pages.next(false, undefined)
    await pages.next(false, undefined)
    expect(sizes()).toEqual([{ limit: 1, maxBytes: MIN_REPLAY_PAGE_BYTES }, FULL_PAGE])
  })

  it('asks on a slow link for what crosses in the aimed time, in events below the smallest byte budget', async () => {
    // Four events of 250 bytes in 4 s: 250 B/s, so 2 s carry 500 bytes, two events.
    const { pages, sizes } = pacedOver({ bytes: 1_000, elapsedMs: 4_000, aimMs: 2_000 })
    await pages.next(false, undefined)
    await pages.next(false, undefined)
    expect(sizes()[1]).toEqual({ limit: 2, maxBytes: MIN_REPLAY_PAGE_BYTES })
  })

  it('halves the page it would have asked for after the link dropped under one', async () => {
    // Four events of 500 bytes in 2 s: the aimed time carries the same, 2,000 bytes in four events.
    const { pages, sizes } = pacedOver({ bytes: 2_000, elapsedMs: 2_000, aimMs: 2_000 })
    await pages.next(false, undefined)
    await pages.next(false, undefined)
    pages.smaller()
    await pages.next(false, undefined)
    expect(sizes().slice(1)).toEqual([
      { limit: 4, maxBytes: 2_000 },
      { limit: 2, maxBytes: MIN_REPLAY_PAGE_BYTES },
    ])
  })
})
