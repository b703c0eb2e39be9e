import { describe, expect, it } from 'vitest'
import { MOST_EVENTS_OUT_OF_STEP, StreamReach } from '../../../../../src/main/core/sync/stream-reach'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'

const entry = (id: number, digest?: string): StreamEntry => ({
  type: 'unreadable',
  id,
  problem: 'test',
  ...(digest !== undefined && { digest }),
})

describe('how far the platform has shown its stream', () => {
  it('refuses a snapshot far past the newest event shown, however the ids shown got there', () => {
    const reach = new StreamReach()
    reach.connected(10, 10)
    expect(reach.snapshotProblem(10 + MOST_EVENTS_OUT_OF_STEP)).toBeNull()
    expect(reach.snapshotProblem(Number.MAX_SAFE_INTEGER)).toMatch(/far past event 10/)
    // Live events that follow on move the newest shown; one far ahead of the stream does not.
    reach.heard(entry(11))
    reach.heard(entry(Number.MAX_SAFE_INTEGER))
    expect(reach.snapshotProblem(11 + MOST_EVENTS_OUT_OF_STEP)).toBeNull()
    expect(reach.snapshotProblem(12 + MOST_EVENTS_OUT_OF_STEP)).toMatch(/far past event 11/)
    // Events applied in order move it too.
    reach.applied(500)
    expect(reach.snapshotProblem(500 + MOST_EVENTS_OUT_OF_STEP)).toBeNull()
  })

  it('takes an event under the cursor for a duplicate only as far as the platform showed the cursor', () => {
    const reach = new StreamReach()
    reach.connected(5, 3)
    // The cache's own cursor, under the platform's newest: everything up to it is a duplicate.
    expect(reach.unvouched(entry(3), 3, 'd3')).toBe(false)
    expect(reach.unvouched(entry(1), 3, 'd3')).toBe(false)
    expect(reach.unvouched(entry(4), 3, 'd3')).toBe(false)
    // A snapshot past the newest shown: the events between are claimed, not shown.
    reach.snapshotApplied(40)
    expect(reach.unvouched(entry(5), 40, 'd40')).toBe(false)
    expect(reach.unvouched(entry(6), 40, 'd40')).toBe(true)
    expect(reach.unvouched(entry(39), 40, 'd40')).toBe(true)
    // The event at the cursor sent again is a duplicate by its digest, another history otherwise.
    expect(reach.unvouched(entry(40, 'd40'), 40, 'd40')).toBe(false)
    expect(reach.unvouched(entry(40, 'other'), 40, 'd40')).toBe(true)
    // The platform's own events after the cursor vouch for it.
    reach.applied(41)
    expect(reach.unvouched(entry(6), 41, 'd41')).toBe(false)
  })

  it('an event far under the cursor is never taken for a duplicate, whatever the welcome said', () => {
    const reach = new StreamReach()
    reach.connected(Number.MAX_SAFE_INTEGER, 0)
    reach.snapshotApplied(Number.MAX_SAFE_INTEGER)
    const cursor = Number.MAX_SAFE_INTEGER
    expect(reach.unvouched(entry(cursor - MOST_EVENTS_OUT_OF_STEP), cursor, 'dx')).toBe(false)
    expect(reach.unvouched(entry(cursor - MOST_EVENTS_OUT_OF_STEP - 1), cursor, 'dx')).toBe(true)
    expect(reach.unvouched(entry(6), cursor, 'dx')).toBe(true)
  })

  it('a cursor ahead of what the welcome says is vouched only up to the welcome', () => {
    const reach = new StreamReach()
    reach.connected(5, 500)
    expect(reach.unvouched(entry(5), 500, 'dx')).toBe(false)
    expect(reach.unvouched(entry(6), 500, 'dx')).toBe(true)
  })

  it('the event at the cursor with another digest is another history, even under the newest shown', () => {
    const reach = new StreamReach()
    reach.connected(5, 5)
    expect(reach.unvouched(entry(5, 'other'), 5, 'd5')).toBe(true)
    // A digest that could not be kept proves nothing either way.
    expect(reach.unvouched(entry(5), 5, 'd5')).toBe(false)
    expect(reach.unvouched(entry(5, 'other'), 5, null)).toBe(false)
  })

  it('an event the cursor claims unvouched makes the next replay a rebuild, logged once until it is asked for', () => {
    const reach = new StreamReach()
    reach.connected(5, 5)
    expect(reach.claimed([entry(4), entry(5)], 5, null)).toBeUndefined()
    expect(reach.takeRebuild()).toBe(false)
    reach.snapshotApplied(40)
    expect(reach.claimed([entry(4), entry(7), entry(8)], 40, 'd40')).toEqual({ entry: entry(7), first: true })
    expect(reach.claimed([entry(8)], 40, 'd40')).toEqual({ entry: entry(8), first: false })
    // Still due on the next connection: only the replay that asks for the snapshot clears it.
    reach.connected(6, 40)
    expect(reach.takeRebuild()).toBe(true)
    expect(reach.takeRebuild()).toBe(false)
    expect(reach.claimed([entry(9)], 40, 'd40')?.first).toBe(true)
  })

  it('a rebuild asked for is due again when the catch-up stops before a snapshot is applied, and only then', () => {
    const reach = new StreamReach()
    reach.connected(5, 40)
    reach.claimed([entry(6)], 40, 'd40')
    expect(reach.takeRebuild()).toBe(true)
    reach.stopped()
    expect(reach.takeRebuild()).toBe(true)
    reach.snapshotApplied(6)
    reach.stopped()
    expect(reach.takeRebuild()).toBe(false)
    // A platform that answered the rebuild with events, followed to the end, is not asked again.
    reach.claimed([entry(6, 'other')], 6, 'd6')
    expect(reach.takeRebuild()).toBe(true)
    reach.caughtUp()
    reach.stopped()
    expect(reach.takeRebuild()).toBe(false)
  })
})
