// A link whose platform (or a proxy) sends a byte now and then of a message that never ends: its
// bytes are no progress, so the link is found dead as a silent one is; a slow link that carries
// is waited for, however long its message takes to cross.
import { describe, expect, it } from 'vitest'
import { LEAST_CROSSING_BYTES_PER_MS } from '../../../../../src/main/core/connection/crossing-pace'
import { defaultLinkTimings } from '../../../../../src/main/core/connection/link-timings'
import { PROBE_EVENT, PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../../support/fixtures'
import { memoryLink } from '../../../../support/memory-link'

/** The promise on noticing a dead link. */
const NOTICED_WITHIN_MS = 15_000
/** The floor, in bytes a second. */
const FLOOR = LEAST_CROSSING_BYTES_PER_MS * 1_000

/** A link the platform let in and welcomed, whose one connection the test plays. */
function online() {
  const { link, connections, clock } = memoryLink()
  link.start()
  const connection = connections[0]!
  connection.accept()
  connection.send(WELCOME_EVENT, {
    protocolVersion: PROTOCOL_VERSION,
    expertId: 'exp_ada',
    latestEventId: 0,
    serverTime: FIXTURE_NOW,
  })
  return { link, clock, connection }
}

/** `bytes` of a message that never ends arrive every `everyMs` for `forMs`, while the connection stays open. */
function trickle(env: ReturnType<typeof online>, bytes: number, everyMs: number, forMs: number): void {
  for (let t = 0; t < forMs; t += everyMs) {
    env.clock.advance(everyMs)
    if (env.connection.state === 'open') env.connection.trickle(bytes)
  }
}

describe('a link that brings bytes of a message part way', () => {
  it.each([
    ['a byte every few seconds', 1, 3_000],
    ['just under the floor', Math.floor(FLOOR * 0.9), 1_000],
  ])('is found dead within the promise when it brings %s', (_, bytes, everyMs) => {
    const env = online()
    trickle(env, bytes, everyMs, NOTICED_WITHIN_MS)
    // Given up and tried again: the expert sees the link connecting, not online.
    expect(env.connection.attempts).toBe(2)
    expect(env.link.state).toMatchObject({ kind: 'connecting' })
  })

  it.each([
    ['just over the floor', Math.ceil(FLOOR * 1.1), 1_000],
    ['a few hundred bytes a second in large chunks', 1_400, 4_000],
  ])(
    'is waited for while it brings %s, and stays on once the message and the answer come',
    (_, bytes, everyMs) => {
      const env = online()
      // Far longer than the silence and the probe's time: a large page crossing a slow link.
      trickle(env, bytes, everyMs, 10 * defaultLinkTimings.replayGiveUpMs)
      expect(env.connection.state).toBe('open')
      expect(env.link.state).toMatchObject({ kind: 'connected' })
      const probe = env.connection.requests.find((r) => r.name === PROBE_EVENT)
      probe?.answer({ ok: true, result: {}, serverTime: FIXTURE_NOW })
      expect(env.connection.attempts).toBe(1)
    },
  )
})
