// The platform let Standby in at this address earlier in the run; then an attempt fails without
// any code to read (an answer that goes quiet, no answer at all, a close before the welcome). The
// address is right, so what the expert reads must not send them to check it.
import { describe, expect, it } from 'vitest'
import { NamesFound } from '../../../../../src/main/core/connection/names-found'
import { PlatformLink } from '../../../../../src/main/core/connection/platform-link'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import { PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../../support/fixtures'
import { memoryTransport, type MemoryConnection } from '../../../../support/memory-transport'
import { recordingLog } from '../../../../support/recording-log'

const URL = 'http://127.0.0.1:4455'
const timings = { connectTimeoutMs: 5_000, silenceLimitMs: 8_000, probeTimeoutMs: 5_000 }

/** A link over the in-memory transport sharing `namesFound`, started and waiting after one attempt. */
function linkAt(namesFound: NamesFound) {
  const { transport, connections } = memoryTransport()
  const clock = new ManualClock(FIXTURE_NOW)
  // Whether the attempt under way is still looking its platform's name up, as socket.io's tells.
  const lookup = { underWay: false }
  const link = new PlatformLink(URL, 'token-1', {
    transport: (options, handlers) =>
      Object.assign(transport(options, handlers), { lookingUp: () => lookup.underWay }),
    clock,
    linkClock: clock,
    power: createPowerHook(),
    log: recordingLog(),
    random: () => 0.5,
    timings,
    expertId: 'exp_ada',
    namesFound,
  })
  const connection = (): MemoryConnection => {
    const only = connections[0]
    if (only === undefined) throw new Error('no connection')
    return only
  }
  return { link, clock, connection, lookup }
}

/** The reason the link shows, waiting after an attempt that failed. */
function reasonOf(link: PlatformLink): string {
  const state = link.state
  if (state.kind !== 'waiting') throw new Error(`the link is ${state.kind}`)
  return state.reason
}

type World = ReturnType<typeof linkAt>
const failures: [string, (world: World) => void][] = [
  [
    'a handshake that begins, then goes quiet',
    ({ clock, connection }) => {
      connection().trickle()
      clock.advance(timings.silenceLimitMs + timings.probeTimeoutMs)
    },
  ],
  ['an attempt nothing answers', ({ clock }) => clock.advance(timings.connectTimeoutMs)],
  [
    'an attempt whose name lookup never finishes',
    ({ clock, lookup }) => {
      lookup.underWay = true
      clock.advance(timings.connectTimeoutMs)
    },
  ],
  [
    'a connection opened but never welcomed',
    ({ clock, connection }) => {
      connection().accept()
      clock.advance(timings.connectTimeoutMs)
    },
  ],
  ['a refusal without a reason Standby can read', ({ connection }) => connection().fail('nope', { code: 7 })],
  [
    'a connection closed before its welcome',
    ({ connection }) => {
      connection().accept()
      connection().drop()
    },
  ],
]

describe('an attempt at an address the platform let Standby in at earlier', () => {
  it.each(failures)('%s: says the address is right, not to check it', (_name, fail) => {
    const namesFound = new NamesFound()
    const first = linkAt(namesFound)
    first.link.start()
    first.connection().accept()
    first.connection().send(WELCOME_EVENT, {
      protocolVersion: PROTOCOL_VERSION,
      expertId: 'exp_ada',
      latestEventId: 0,
      serverTime: FIXTURE_NOW,
    })
    expect(first.link.state.kind).toBe('connected')
    first.link.stop()
    // A link of the same run (after a restart of the link, say) fails the same way.
    const later = linkAt(namesFound)
    later.link.start()
    fail(later)
    const reason = reasonOf(later.link)
    expect(reason).toMatch(/The address is right \(Standby was connected earlier\)/)
    expect(reason).not.toMatch(/check the platform address|check the server address/i)
  })

  it.each(failures)('%s, at an address never let in: still says to check it', (_name, fail) => {
    const never = linkAt(new NamesFound())
    never.link.start()
    fail(never)
    expect(reasonOf(never.link)).toMatch(/check the (platform|server) address/i)
  })
})
