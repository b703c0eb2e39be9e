/**
 * A connection a wake's probe finds dead died with the computer's sleep or its network change, not
 * by the platform's doing: it is replaced at once, whatever row of connections lost soon after
 * their welcome came before it, where it counted in that row and waited out a growing backoff.
 */
import { describe, expect, it } from 'vitest'
import { defaultLinkTimings as timings } from '../../../../../src/main/core/connection/link-timings'
import { PROTOCOL_VERSION, WELCOME_EVENT, type Welcome } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../../support/fixtures'
import { memoryLink } from '../../../../support/memory-link'
import type { MemoryConnection } from '../../../../support/memory-transport'

const welcome: Welcome = {
  protocolVersion: PROTOCOL_VERSION,
  expertId: 'exp_ada',
  latestEventId: 0,
  serverTime: FIXTURE_NOW,
}

/** A welcomed link over the in-memory transport, and the clock, power and log the test drives. */
function online() {
  const { link, connections, clock, power, log } = memoryLink()
  const connection = (): MemoryConnection => connections[0] as MemoryConnection
  const letIn = (): void => {
    connection().accept()
    connection().send(WELCOME_EVENT, welcome)
    expect(link.state.kind).toBe('connected')
  }
  link.start()
  letIn()
  return { link, clock, power, log, letIn }
}

describe('a connection found dead by the probe a wake sends', () => {
  it('is replaced at once, even right after a connection lost soon after its welcome', () => {
    const env = online()
    // The Wi-Fi goes quiet: the silence's probe finds the connection dead, and it is replaced at once.
    env.clock.advance(timings.silenceLimitMs + timings.probeTimeoutMs)
    expect(env.link.state.kind).toBe('connecting')
    env.letIn()
    // The lid closes soon after; on the wake the probe goes unanswered: the sleep took the link.
    env.power.resume()
    env.clock.advance(timings.probeTimeoutMs)
    expect(env.link.state.kind).toBe('connecting')
    expect(env.log.text()).not.toMatch(/retrying ever more slowly/)
  })

  it('leaves a row the silence found in place: the next quiet connection still waits', () => {
    const env = online()
    env.clock.advance(timings.silenceLimitMs + timings.probeTimeoutMs)
    env.letIn()
    env.power.resume()
    env.clock.advance(timings.probeTimeoutMs)
    env.letIn()
    env.clock.advance(timings.silenceLimitMs + timings.probeTimeoutMs)
    expect(env.link.state.kind).toBe('waiting')
    expect(env.log.text()).toMatch(/Connection lost again soon after the platform let Standby in/)
  })
})

describe('the line that a wake has the connection checked', () => {
  it('is logged during a row of connections gone quiet, whose own checks it does not repeat', () => {
    const env = online()
    for (let quiet = 0; quiet < 2; quiet++) {
      env.clock.advance(timings.silenceLimitMs + timings.probeTimeoutMs)
      if (env.link.state.kind === 'waiting') env.clock.advanceTo(env.link.state.nextAttemptAt)
      env.letIn()
    }
    expect(env.log.text()).toMatch(/Connection lost again soon after the platform let Standby in/)
    const before = env.log.lines.length
    env.power.resume()
    expect(env.log.lines.slice(before)).toEqual([
      expect.stringMatching(/Resumed from sleep or unlock: checking the connection$/),
    ])
  })
})
