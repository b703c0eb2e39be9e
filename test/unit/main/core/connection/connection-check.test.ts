import { describe, expect, it } from 'vitest'
import { ConnectionCheck } from '../../../../../src/main/core/connection/connection-check'
import { ManualClock, steadyNow } from '../../../../../src/shared/clock'
import { stallLimitMs } from '../../../../../src/main/core/connection/link-timings'

const timings = { silenceLimitMs: 8_000, probeTimeoutMs: 5_000 }
/** How long a link may carry nothing mid-message before it counts as dead. */
const STALL_LIMIT = stallLimitMs(timings)

function setUp() {
  const clock = new ManualClock(0)
  const said: string[] = []
  let answer: (() => void) | undefined
  const check = new ConnectionCheck(clock, timings, {
    send: () => new Promise<void>((resolve) => (answer = resolve)),
    checking: () => said.push('checking'),
    answered: () => said.push('answered'),
    dead: () => said.push('dead'),
  })
  return { clock, said, check, answer: () => answer?.() }
}

describe('ConnectionCheck', () => {
  it('probes after a silence only, and calls an unanswered probe dead', () => {
    const { clock, said, check } = setUp()
    check.start()
    clock.advance(timings.silenceLimitMs - 1)
    expect(said).toEqual([])
    clock.advance(1)
    expect(said).toEqual(['checking'])
    clock.advance(timings.probeTimeoutMs)
    expect(said).toEqual(['checking', 'dead'])
  })

  it('calls a link dead within the silence and the probe’s time when the platform’s pings keep coming but nothing the app sends reaches it', () => {
    const { clock, said, check } = setUp()
    check.start()
    // Half open: the platform's heartbeat arrives every second; the app's probe never arrives.
    for (let t = 0; t < timings.silenceLimitMs + timings.probeTimeoutMs; t += 1_000) {
      clock.advance(1_000)
      check.heard()
    }
    expect(said).toEqual(['dead'])
  })

  it('says nothing, however long, of a link whose pings keep coming and whose quiet probes are answered', async () => {
    const { clock, said, check, answer } = setUp()
    check.start()
    for (let t = 0; t < 10 * timings.silenceLimitMs; t += 1_000) {
      clock.advance(1_000)
      check.heard()
      answer()
      await Promise.resolve()
    }
    expect(said).toEqual([])
  })

  it('sends one probe at a time, and an answered probe means the connection works', async () => {
    const { said, check, answer } = setUp()
    check.start()
    check.probe('woke')
    check.probe('network changed')
    answer()
    await Promise.resolve()
    expect(said).toEqual(['checking', 'answered'])
  })

  it('tells no one of a quiet probe (for the platform’s time) unless a doubt about the link comes while it is out, and calls it dead unanswered', async () => {
    const { clock, said, check, answer } = setUp()
    check.start()
    check.probe('time', true)
    answer()
    await Promise.resolve()
    expect(said).toEqual([])
    check.probe('time', true)
    check.probe('woke')
    answer()
    await Promise.resolve()
    expect(said).toEqual(['checking', 'answered'])
    check.probe('time', true)
    clock.advance(5_000)
    expect(said).toEqual(['checking', 'answered', 'dead'])
  })

  it('keeps a probe out while bytes of a message keep arriving after it (its answer waits behind the message crossing a slow link), and calls the link dead once they stop', () => {
    const { clock, said, check } = setUp()
    check.start()
    check.probe('woke')
    for (let n = 0; n < 20; n++) {
      clock.advance(500)
      check.heard()
      check.crossing()
    }
    expect(said).toEqual(['checking'])
    clock.advance(STALL_LIMIT - 1)
    expect(said).toEqual(['checking'])
    clock.advance(1)
    expect(said).toEqual(['checking', 'dead'])
  })

  it('keeps a probe out across a slow link’s TCP stalls longer than the probe’s time while the message behind which its answer waits keeps coming, and takes its answer', async () => {
    const { clock, said, check, answer } = setUp()
    check.start()
    check.probe('woke')
    // Bursts with a stall longer than the probe's time after each: the message takes far longer
    // than the silence and the probe's time to cross, and its bytes never stop for the stall limit.
    for (const stall of [1_000, 6_000, STALL_LIMIT - 1, 6_000, STALL_LIMIT - 1]) {
      clock.advance(stall)
      check.heard()
      check.crossing()
    }
    answer()
    await Promise.resolve()
    expect(said).toEqual(['checking', 'answered'])
  })

  it('calls a link dead within the fifteen seconds promised once a message crossing it stops mid-way', () => {
    const { clock, said, check } = setUp()
    check.start()
    clock.advance(timings.silenceLimitMs - 1_000)
    check.heard()
    check.crossing()
    check.answered(steadyNow(clock))
    // The last byte came just before the silence would have sent a probe: nothing comes after it.
    clock.advance(STALL_LIMIT - 1)
    expect(said).toEqual(['checking'])
    clock.advance(1)
    expect(said).toEqual(['checking', 'dead'])
    expect(STALL_LIMIT).toBeLessThanOrEqual(15_000)
  })

  it('calls the link dead when whole messages keep coming after its probe but no answer (heartbeats of a platform that no longer answers)', () => {
    const { clock, said, check } = setUp()
    check.start()
    check.probe('woke')
    for (let n = 0; n < 9; n++) {
      clock.advance(500)
      check.heard()
    }
    clock.advance(500)
    expect(said).toEqual(['checking', 'dead'])
  })

  it('does not count bytes heard before the probe went out (just before a sleep) toward it', () => {
    const { clock, said, check } = setUp()
    check.start()
    clock.advance(1_000)
    check.heard()
    check.crossing()
    check.probe('woke')
    clock.advance(5_000)
    expect(said).toEqual(['checking', 'dead'])
  })

  it('says nothing about a connection that was replaced while its probe was out', async () => {
    const { clock, said, check, answer } = setUp()
    check.start()
    check.probe('woke')
    check.stop()
    clock.advance(10_000)
    answer()
    await Promise.resolve()
    expect(said).toEqual(['checking'])
  })
})

describe('ConnectionCheck with the computer’s clock set', () => {
  it('set back a day while the link is quiet: a link gone silent is still probed after the silence, not a day later', () => {
    const { clock, said, check } = setUp()
    check.start()
    clock.advance(1_000)
    check.heard()
    clock.step(-24 * 60 * 60_000)
    clock.advance(8_000)
    expect(said).toEqual(['checking'])
    clock.advance(5_000)
    expect(said).toEqual(['checking', 'dead'])
  })
})
