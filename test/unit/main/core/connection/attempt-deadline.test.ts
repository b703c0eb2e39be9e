import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../../src/shared/clock'
import { AttemptDeadline, type GiveUpWhy } from '../../../../../src/main/core/connection/attempt-deadline'

const TIMEOUT = 5_000
/** How long an attempt whose bytes came may go without more. */
const STALLED = 13_000

describe('the deadline of a connection attempt', () => {
  it('gives up at the timeout on an attempt that carries nothing', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT)
    let gaveUp = 0
    deadline.arm(() => gaveUp++)
    clock.advance(TIMEOUT - 1)
    expect(gaveUp).toBe(0)
    clock.advance(1)
    expect(gaveUp).toBe(1)
  })

  it('keeps an attempt whose handshake keeps crossing, and gives it up the timeout after its bytes stop', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT)
    let gaveUp = 0
    deadline.arm(() => gaveUp++)
    for (let s = 0; s < 30; s++) {
      clock.advance(1_000)
      deadline.crossing()
    }
    expect(gaveUp).toBe(0)
    clock.advance(TIMEOUT - 1)
    expect(gaveUp).toBe(0)
    clock.advance(1)
    expect(gaveUp).toBe(1)
  })

  it('keeps an attempt across a slow link’s TCP stalls longer than the timeout once its bytes came, and gives it up the stall limit after they stop', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT, STALLED)
    let gaveUp = 0
    deadline.begin()
    deadline.arm(() => gaveUp++)
    for (const stall of [1_000, TIMEOUT + 1_000, STALLED - 1, TIMEOUT * 2]) {
      clock.advance(stall)
      deadline.crossing()
    }
    expect(gaveUp).toBe(0)
    clock.advance(STALLED - 1)
    expect(gaveUp).toBe(0)
    clock.advance(1)
    expect(gaveUp).toBe(1)
  })

  it('judges an attempt whose bytes came before a wake from the wake on, as one not answered yet', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT, STALLED)
    let gaveUp = 0
    deadline.begin()
    deadline.arm(() => gaveUp++)
    clock.advance(1_000)
    deadline.crossing()
    clock.advance(1_000)
    deadline.woke()
    clock.advance(TIMEOUT - 1)
    expect(gaveUp).toBe(0)
    clock.advance(1)
    expect(gaveUp).toBe(1)
  })

  it('keeps the deadline of an attempt still waiting for its first bytes at a wake, and the stall limit of bytes after it', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT, STALLED)
    let gaveUp = 0
    deadline.begin()
    deadline.arm(() => gaveUp++)
    clock.advance(TIMEOUT - 1_000)
    deadline.woke()
    clock.advance(1_000)
    expect(gaveUp).toBe(1)
    deadline.begin()
    deadline.arm(() => gaveUp++)
    deadline.crossing()
    deadline.woke()
    clock.advance(1_000)
    deadline.crossing()
    clock.advance(STALLED - 1)
    expect(gaveUp).toBe(1)
    clock.advance(1)
    expect(gaveUp).toBe(2)
    // Nor does a wake put off the stall limit of one already quiet for most of it.
    deadline.begin()
    deadline.arm(() => gaveUp++)
    deadline.crossing()
    clock.advance(STALLED - 1_000)
    deadline.woke()
    clock.advance(1_000)
    expect(gaveUp).toBe(3)
  })

  it('counts no bytes from before it was armed, and never fires once cancelled', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT)
    let gaveUp = 0
    deadline.crossing()
    clock.advance(1_000)
    deadline.arm(() => gaveUp++)
    clock.advance(TIMEOUT)
    expect(gaveUp).toBe(1)
    deadline.arm(() => gaveUp++)
    deadline.cancel()
    clock.advance(TIMEOUT * 2)
    expect(gaveUp).toBe(1)
  })

  it('gives up an attempt whose bytes trickle for ever, the longest an attempt may last after it began, armed again or not', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT)
    const why: GiveUpWhy[] = []
    deadline.begin()
    deadline.arm((w) => why.push(w))
    clock.advance(TIMEOUT / 2)
    // Let through the gate part way: armed for the welcome, still within the same attempt.
    deadline.arm((w) => why.push(w))
    while (why.length === 0 && clock.now() < deadline.longestMs * 2) {
      clock.advance(TIMEOUT - 1)
      deadline.crossing()
    }
    expect(why).toEqual(['too long'])
    expect(clock.now()).toBeLessThanOrEqual(deadline.longestMs + TIMEOUT)
    clock.advance(deadline.longestMs)
    expect(why).toEqual(['too long'])
  })

  it('lets a new attempt last as long again, and tells a quiet one from one that went on too long', () => {
    const clock = new ManualClock(0)
    const deadline = new AttemptDeadline(clock, TIMEOUT)
    const why: GiveUpWhy[] = []
    deadline.begin()
    deadline.arm((w) => why.push(w))
    while (clock.now() < deadline.longestMs - TIMEOUT) {
      clock.advance(TIMEOUT - 1)
      deadline.crossing()
    }
    expect(why).toEqual([])
    deadline.begin()
    deadline.arm((w) => why.push(w))
    clock.advance(TIMEOUT)
    expect(why).toEqual(['quiet'])
  })
})
