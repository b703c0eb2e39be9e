// A command the expert pressed that the platform refuses as too many at once: the expert is told
// the platform is busy and when to press again, since Standby does not send it again by itself.
import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../../support/fixtures'
import { memoryLink } from '../../../../support/memory-link'

/** A welcomed link, and the connection the test plays the platform on. */
function online() {
  const { link, connections, clock } = memoryLink()
  link.start()
  const connection = connections[0]!
  connection.accept()
  const welcome = { protocolVersion: PROTOCOL_VERSION, expertId: 'exp_ada', latestEventId: 0 }
  connection.send(WELCOME_EVENT, { ...welcome, serverTime: FIXTURE_NOW })
  return { link, clock, connection }
}

/** Let every answer already given reach its awaiting code. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** What a pressed Join is told when the platform refuses it as too many, asking for `retryAfterMs`. */
async function refusedAsBusy(retryAfterMs?: unknown) {
  const { link, clock, connection } = online()
  const outcome = link.command('session.join', { sessionId: 'ses_1' })
  await turn()
  const sent = () => connection.requests.filter((r) => r.name === 'command')
  const message = 'Too many requests at once; wait a moment and try again.'
  sent()[0]?.answer({
    ok: false,
    error: { code: 'rate_limited', message, retryAfterMs },
    serverTime: FIXTURE_NOW,
  })
  const told = await outcome
  // Not sent again by itself, however long the wait it was told.
  clock.advance(120_000)
  await turn()
  expect(sent()).toHaveLength(1)
  return told
}

describe('a pressed command refused as too many at once', () => {
  it('says the platform is busy and when to try again, in the wait the platform asked for', async () => {
    expect(await refusedAsBusy(12_300)).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'The platform is busy: try again in 13 seconds.',
        retryAfterMs: 12_300,
      },
    })
  })

  it('says a minute at most, and a moment when the platform names no wait', async () => {
    const said = async (wait?: unknown) => {
      const told = await refusedAsBusy(wait)
      return told.ok ? '' : told.error.message
    }
    expect(await said(3_600_000)).toBe('The platform is busy: try again in 1 minute.')
    expect(await said()).toBe('The platform is busy: try again in a moment.')
    expect(await said('soon')).toBe('The platform is busy: try again in a moment.')
  })
})
