// The link logs why the platform clock asks for the platform's time. While answers scatter the
// clock asks a second apart for a minute or more: the log says so once, not once an ask.
import { describe, expect, it } from 'vitest'
import { ASK_RUN_GAP_MS, watchWakes } from '../../../../../src/main/core/connection/link-wakes'
import { defaultLinkTimings } from '../../../../../src/main/core/connection/link-timings'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { Listeners } from '../../../../../src/shared/listeners'
import { PROBE_EVENT, PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { memoryLinkWithPlatformClock } from '../../../../support/memory-link'
import { recordingLog } from '../../../../support/recording-log'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const SCATTERED = 'Asking the platform for its time after answers that scatter too widely'

/** A link to a platform whose answers fall up to three seconds either side of its time, answered as asked. */
function scatteredPlatform() {
  const { link, connections, clock, log, platformClock } = memoryLinkWithPlatformClock()
  let s = 11
  const random = (): number => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s / 4_294_967_296)
  const stamp = (): number => Math.round(clock.now() + (random() * 2 - 1) * 3_000)
  link.start()
  const connection = connections[0]!
  connection.accept()
  const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0 }
  connection.send(WELCOME_EVENT, { ...welcome, serverTime: stamp() })
  let answered = 0
  /** `ms` pass, each request answered as it comes. */
  const pass = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 250) {
      clock.advance(250)
      await turn()
      for (; answered < connection.requests.length; answered++) {
        connection.requests[answered]!.answer({ ok: true, result: {}, serverTime: stamp() })
        await turn()
      }
    }
  }
  const probes = (): number => connection.requests.filter((r) => r.name === PROBE_EVENT).length
  const stop = (): void => {
    link.stop()
    platformClock.stop()
  }
  return { log, pass, probes, stop }
}

describe('the log of asks for the platform’s time', () => {
  it('answers that scatter: the asks a second apart are logged once, not once each', async () => {
    const { log, pass, probes, stop } = scatteredPlatform()
    await pass(2 * MINUTE)
    // The asks went: more probes than the quiet checks alone send in the time.
    expect(probes()).toBeGreaterThan((2 * MINUTE) / defaultLinkTimings.silenceLimitMs + 10)
    expect(log.lines.filter((line) => line.includes(SCATTERED))).toHaveLength(1)
    stop()
  })

  it('asks for one reason among asks for another are logged once a run, and again after a quiet spell', () => {
    const clock = new ManualClock(FIXTURE_NOW)
    const log = recordingLog()
    const measureWanted = new Listeners<string>(() => {})
    const measured: string[] = []
    const off = watchWakes(
      {
        clock,
        power: createPowerHook(),
        log,
        timeSamples: {
          reading: () => ({ wall: clock.now(), mono: clock.monotonic() }),
          record: () => {},
          unreadable: () => {},
          measureWanted,
        },
      },
      { woke: () => {}, connected: () => true, measure: (reason) => measured.push(reason) },
    )
    for (let i = 0; i < 30; i++) {
      measureWanted.emit(i % 3 === 0 ? 'answers that disagree' : 'answers that scatter')
      clock.advance(1_000)
    }
    clock.advance(ASK_RUN_GAP_MS)
    measureWanted.emit('answers that scatter')
    expect(measured).toHaveLength(31)
    expect(log.lines).toEqual([
      'info Asking the platform for its time after answers that disagree',
      'info Asking the platform for its time after answers that scatter',
      'info Asking the platform for its time after answers that scatter',
    ])
    for (const stop of off) stop()
  })
})
