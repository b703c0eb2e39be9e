// An idle expert's link carries the platform's time in its welcome, its acknowledgements and each
// quiet check of the connection, seconds apart. When the computer's clock steps while the link is up
// and quiet, whether it was set or the machine slept unreported only the platform can say: the link
// asks it with one probe at once rather than wait for the next check.
import { describe, expect, it } from 'vitest'
import { PROBE_EVENT, PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { memoryLinkWithPlatformClock } from '../../../../support/memory-link'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A link welcomed and measured (welcome and one probe, the platform on the computer's time), then quiet. */
async function measuredQuietLink() {
  const { link, connections, clock, power, platformClock } = memoryLinkWithPlatformClock()
  let sleptMs = 0
  /** The platform's true time: all the time that passed, awake or asleep. */
  const platformNow = (): number => FIXTURE_NOW + clock.monotonic() + sleptMs
  link.start()
  const connection = connections[0]!
  connection.accept()
  const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0 }
  connection.send(WELCOME_EVENT, { ...welcome, serverTime: platformNow() })
  power.resume()
  connection.requests.at(-1)!.answer({ ok: true, result: {}, serverTime: platformNow() })
  await turn()
  expect(platformClock.measuredSurely()).toBe(true)
  const probes = (): number => connection.requests.filter((r) => r.name === PROBE_EVENT).length
  /** Asleep `ms` without the system saying so, on clocks that stand still in sleep. */
  const sleepUnreported = (ms: number): void => {
    sleptMs += ms
    clock.step(ms)
  }
  return { clock, connection, platformClock, platformNow, probes, sleepUnreported, link }
}

describe('a step of the computer’s clock on a quiet link', () => {
  const cases = [
    ['a sleep nobody reported', 40 * MINUTE, true],
    ['the clock set back by hand', -3 * 60 * MINUTE, false],
    ['the clock set forward by hand', 25 * MINUTE, false],
  ] as const
  for (const [what, stepMs, slept] of cases) {
    it(`${what}: one probe goes out, and its answer leaves the platform’s time right`, async () => {
      const { clock, connection, platformClock, platformNow, probes, sleepUnreported, link } =
        await measuredQuietLink()
      const before = probes()
      if (slept) sleepUnreported(stepMs)
      else clock.step(stepMs)
      clock.advance(1_000)
      platformClock.now()
      await turn()
      expect(probes()).toBe(before + 1)
      // Nothing is amiss with the connection: the window and the tray are not told it is being checked.
      expect(link.state.kind).toBe('connected')
      expect(link.state).not.toMatchObject({ checking: true })
      connection.requests.at(-1)!.answer({ ok: true, result: {}, serverTime: platformNow() })
      await turn()
      expect(platformClock.now()).toBe(platformNow())
      link.stop()
    })
  }
})
