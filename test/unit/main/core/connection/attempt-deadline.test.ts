import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../../src/shared/clock'
import { AttemptDeadline } from '../../../../../src/main/core/connection/attempt-deadline'

const TIMEOUT = 5_000

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
})
