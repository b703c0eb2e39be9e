import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '../../../../../src/shared/protocol'
import { memoryLink } from '../../../../support/memory-link'

/** A link whose first attempt the platform refuses with `data`; the state it is left in. */
function refusedWith(data: unknown) {
  const { link, connections, clock } = memoryLink()
  link.start()
  connections[0]?.fail('refused', data)
  return { link, clock, attempts: () => connections[0]?.attempts }
}

describe('a connection the platform refuses in a way that does not add up', () => {
  it('as of another protocol version while naming this app’s own: not told to update anything, and tried again', () => {
    const { link, clock, attempts } = refusedWith({
      code: 'protocol_mismatch',
      message: 'Your app is too old.',
      serverProtocolVersion: PROTOCOL_VERSION,
    })
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(
        new RegExp(
          `speaks this app's own protocol \\(${PROTOCOL_VERSION}\\).*If this goes on, tell the platform's support`,
        ),
      ),
    })
    expect(JSON.stringify(link.state)).not.toMatch(/older than|update Standby|update it/)
    clock.advance(60_000)
    expect(attempts()).toBeGreaterThan(1)
  })

  it.each([
    [
      'a code this version does not know',
      { code: 'suspended', message: 'Your account is on hold until Monday.' },
    ],
    ['another shape, with a sentence', { code: 'busy', message: 'Your account is on hold until Monday' }],
    [
      'a protocol version that is no version',
      { code: 'busy', message: 'Your account is on hold until Monday.', serverProtocolVersion: -1 },
    ],
  ])(
    'with %s: says the platform refused, in its sentence, and what to do, not that it is unreachable',
    (_, data) => {
      const { link } = refusedWith(data)
      expect(link.state).toMatchObject({
        kind: 'waiting',
        reason: expect.stringMatching(
          /^The platform at \S+ refused the connection: Your account is on hold until Monday\. If this goes on, tell the platform's support\.$/,
        ),
      })
      expect(JSON.stringify(link.state)).not.toMatch(/unreachable|check the address/i)
    },
  )

  it.each([
    ['a stop of its script', 'アカウントは停止中です。'],
    ['a stop inside quotes', 'Support says "on hold until Monday."'],
  ])('with a sentence that ends in %s: ends it once, not with a second stop', (_, message) => {
    const { link } = refusedWith({ code: 'suspended', message, serverProtocolVersion: PROTOCOL_VERSION })
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: `The platform at http://127.0.0.1:4455 refused the connection: ${message} If this goes on, tell the platform's support.`,
    })
  })

  it.each(['.', '…', '?!', ' : ', '"."', '——'])(
    'with a sentence of stops only (%j): says the platform gave no reason, not an empty sentence',
    (message) => {
      const { link } = refusedWith({ code: 'suspended', message })
      expect(link.state).toMatchObject({
        kind: 'waiting',
        reason: `The platform at http://127.0.0.1:4455 refused the connection without saying why. If this goes on, tell the platform's support.`,
      })
    },
  )

  it('with nothing readable: says the platform refused it and what to do, not that it is unreachable', () => {
    const { link } = refusedWith({ code: 42, message: { a: 1 } })
    expect(link.state).toMatchObject({
      kind: 'waiting',
      reason: expect.stringMatching(/refused the connection.*If this goes on, check the platform address/),
    })
    expect(JSON.stringify(link.state)).not.toMatch(/unreachable/)
  })
})
