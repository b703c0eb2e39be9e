// A replay's answer may take longer to cross a slow link than the platform is given to answer
// it: the give-up counts from the last bytes of an answer on their way, not from the ask, while a
// platform that sends no answer at all (its heartbeats arrive whole) is still given up on.
import { describe, expect, it } from 'vitest'
import { linkWire } from '../../../../../src/main/core/connection/link-wire'
import { requestReplay, replayWatch } from '../../../../../src/main/core/connection/replay-request'
import type { LinkConnection } from '../../../../../src/main/core/ports/link-transport'
import { ManualClock } from '../../../../../src/shared/clock'

const timings = { ackTimeoutMs: 1_000, replayGiveUpMs: 10_000, pageCrossingMs: 500 }
const silent = { info: () => {}, warn: () => {}, error: () => {} }

/** A replay asked over a connection whose answer never comes, with the bytes-crossing time the test sets. */
function askedReplay() {
  const clock = new ManualClock(0)
  const gaveUp: string[] = []
  let crossedAt = Number.NEGATIVE_INFINITY
  const connection = { request: () => new Promise<never>(() => {}) } as unknown as LinkConnection
  const watch = replayWatch(
    timings,
    (reason) => gaveUp.push(reason),
    () => crossedAt,
  )
  void requestReplay({ ...linkWire(connection, clock, silent, undefined, () => {}), ...watch }, 0, {}, {})
  const crossing = (): void => {
    crossedAt = clock.monotonic()
  }
  return { clock, gaveUp, crossing }
}

describe('a replay whose answer does not come', () => {
  it('is given up on after the give-up when no bytes of an answer arrive', () => {
    const { clock, gaveUp } = askedReplay()
    clock.advance(10_000 - 1)
    expect(gaveUp).toEqual([])
    clock.advance(1)
    expect(gaveUp).toEqual([
      'The platform did not answer a replay within 10 s. If this goes on, check your connection.',
    ])
  })

  it('is waited for while bytes of an answer keep arriving, and given up on the give-up after the last', () => {
    const { clock, gaveUp, crossing } = askedReplay()
    for (let i = 0; i < 5; i++) {
      clock.advance(9_000)
      crossing()
    }
    expect(gaveUp).toEqual([])
    clock.advance(10_000 - 1)
    expect(gaveUp).toEqual([])
    clock.advance(1)
    expect(gaveUp).toHaveLength(1)
  })
})
