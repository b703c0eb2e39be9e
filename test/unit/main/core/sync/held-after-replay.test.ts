import { describe, expect, it } from 'vitest'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import {
  MOST_REPLAYS_SHORT_OF_LIVE,
  ReplaysShortOfLive,
  heldToApply,
} from '../../../../../src/main/core/sync/held-after-replay'

/** Markers with these ids: only their place in the stream matters here. */
const held = (...ids: number[]): StreamEntry[] =>
  ids.map((id) => ({ type: 'unreadable', id, problem: 'a test marker' }))

describe('the live events held, once the replay reached the newest event', () => {
  it('applies those the cache lacks, in stream order whatever order they arrived in', () => {
    expect(heldToApply(held(9, 7, 5, 8, 6), 6).map((e) => e.id)).toEqual([7, 8, 9])
    expect(heldToApply(held(3, 4), 6)).toEqual([])
  })

  it('asks again while a replay ends short of them, then drops them, saying how many replays fell short', () => {
    const short = new ReplaysShortOfLive()
    for (let i = 1; i < MOST_REPLAYS_SHORT_OF_LIVE; i++) {
      const step = short.endedShort(12, 10)
      expect(step.kind).toBe('again')
      if (step.kind === 'again')
        expect(step.error.message).toBe('the platform sent event 12 live, but its replay ends at event 10')
    }
    expect(short.endedShort(12, 10)).toEqual({
      kind: 'drop',
      warning: `Dropped the live events from event 12 on: ${MOST_REPLAYS_SHORT_OF_LIVE} replays in a row ended at event 10, short of them`,
    })
  })

  it('counts only replays in a row: one that reached them starts the count again', () => {
    const short = new ReplaysShortOfLive()
    for (let i = 1; i < MOST_REPLAYS_SHORT_OF_LIVE; i++) short.endedShort(12, 10)
    short.reset()
    expect(short.endedShort(12, 10).kind).toBe('again')
  })
})
