import { describe, expect, it } from 'vitest'
import { CommandAck } from '../../../../../src/shared/protocol/commands'
import { linkWire } from '../../../../../src/main/core/connection/link-wire'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW } from '../../../../support/fixtures'

/** A link's wire over a platform clock at FIXTURE_NOW, keeping the warnings it logs. */
function wired() {
  const local = new ManualClock(FIXTURE_NOW)
  const warnings: string[] = []
  const log = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} }
  const clock = new PlatformClock(local, createPowerHook(), log)
  return { warnings, clock, wire: linkWire({} as never, local, log, clock, () => {}) }
}

describe('the platform’s time in each answer', () => {
  it('is taken when readable, and one the protocol could not read is said in one log line, however often it comes', () => {
    const { warnings, clock, wire } = wired()
    const sent = wire.reading()
    // Left out: a platform need not send it, and nothing is said.
    wire.timed(sent, undefined, { ok: true, result: {} })
    expect(warnings).toEqual([])
    // Sent but no time: dropped by the protocol's reading, so only the answer as it came shows it.
    for (const serverTime of ['noon', null, 1e20, -1, { at: 1 }])
      wire.timed(sent, undefined, { ok: true, result: {}, serverTime })
    expect(clock.state.measured).toBe(false)
    expect(warnings).toEqual([
      expect.stringMatching(/^The platform gave its time as "noon", which no working clock reads/),
    ])
    wire.timed(sent, FIXTURE_NOW + 60_000, { serverTime: FIXTURE_NOW + 60_000 })
    expect(clock.state).toEqual({ offsetMs: 60_000, measured: true })
  })

  it('takes a time with a fraction of a millisecond, to the millisecond', () => {
    const { warnings, clock, wire } = wired()
    const answer = { ok: true, result: {}, serverTime: FIXTURE_NOW + 60_000.4 }
    const read = CommandAck.parse(answer)
    wire.timed(wire.reading(), read.serverTime, answer)
    expect(clock.state).toEqual({ offsetMs: 60_000, measured: true })
    expect(warnings.filter((w) => w.includes('no working clock'))).toEqual([])
  })

  it('names the time it dropped in its log line: the year 9999, the year 1970, or what came instead of a time', () => {
    for (const [serverTime, named] of [
      [Date.UTC(9999, 11, 31), 'as 9999-12-31T00:00:00.000Z,'],
      [Date.UTC(1970, 0, 1), 'as 1970-01-01T00:00:00.000Z,'],
      [-5, 'as 1969-12-31T23:59:59.995Z,'],
      ['NaN', 'as "NaN",'],
    ] as const) {
      const { warnings, clock, wire } = wired()
      const answer = { ok: true, result: {}, serverTime }
      wire.timed(wire.reading(), CommandAck.parse(answer).serverTime, answer)
      expect(clock.state.measured).toBe(false)
      expect(warnings).toEqual([
        expect.stringContaining(`The platform gave its time ${named} which no working clock`),
      ])
    }
  })
})
