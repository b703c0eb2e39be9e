// A platform that refuses a replay as too many at once says how long to wait: catching up asks
// again no sooner than that, never sooner than its own growing wait, and no later than the schema allows.
import { describe, expect, it } from 'vitest'
import { linkWire } from '../../../../../src/main/core/connection/link-wire'
import { requestReplay, replayWatch } from '../../../../../src/main/core/connection/replay-request'
import type { LinkConnection } from '../../../../../src/main/core/ports/link-transport'
import { CatchUpFailures } from '../../../../../src/main/core/sync/catch-up-failures'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'

const timings = { ackTimeoutMs: 1_000, replayGiveUpMs: 10_000, pageCrossingMs: 500 }

/** A refusal of too many at once, asking for `retryAfterMs` (or no wait at all when undefined). */
const busy = (retryAfterMs?: unknown) => ({
  ok: false,
  error: {
    code: 'rate_limited',
    message: 'Too many requests at once; wait a moment and try again.',
    retryAfterMs,
  },
  serverTime: 0,
})

/**
 * Catching up against a platform that refuses every replay with `answer`: `fail` asks once and
 * schedules the next ask after the wait catching up chose, as the sync engine does; `asked` counts.
 */
function busyPlatform(answer: unknown) {
  const clock = new ManualClock(0)
  const log = recordingLog()
  let asked = 0
  const connection = {
    request: () => {
      asked++
      return Promise.resolve(answer)
    },
  } as unknown as LinkConnection
  const wire = { ...linkWire(connection, clock, log, undefined, () => {}), ...replayWatch(timings, () => {}) }
  const failures = new CatchUpFailures({ clock, notifier: { show: () => {} }, log, random: () => 0 })
  const fail = async (): Promise<number> => {
    const error = await requestReplay(wire, 0, {}, {}).then(
      () => expect.unreachable('the replay was refused'),
      (refused: unknown) => refused,
    )
    const next = failures.failed(error, clock.now())
    if (next.kind !== 'retry') return expect.unreachable('a busy platform is asked again')
    clock.setTimeout(() => void fail(), next.wait)
    return next.wait
  }
  return { clock, fail, asked: () => asked }
}

/** Let the replay asked by a timer just run be answered and refused. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('a replay refused as too many at once', () => {
  it('is asked again only once the wait the platform asked for has passed, not after the first short one', async () => {
    const { clock, fail, asked } = busyPlatform(busy(30_000))
    expect(await fail()).toBe(30_000)
    clock.advance(30_000 - 1)
    await turn()
    expect(asked()).toBe(1)
    clock.advance(1)
    await turn()
    expect(asked()).toBe(2)
  })

  it('waits no less than catching up would have waited anyway', async () => {
    const { fail } = busyPlatform(busy(1))
    expect(await fail()).toBe(1_000)
  })

  it('waits a minute at most, however long the platform asks for, and as usual when it names no wait', async () => {
    expect(await busyPlatform(busy(3_600_000)).fail()).toBe(60_000)
    expect(await busyPlatform(busy(-5)).fail()).toBe(1_000)
    expect(await busyPlatform(busy()).fail()).toBe(1_000)
  })
})
