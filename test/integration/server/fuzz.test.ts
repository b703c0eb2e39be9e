import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, HTTP_PATHS, type CommandName } from '../../../src/shared/protocol'
import { validPayloads } from '../../support/command-payloads'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { defaultLogBound } from '../../../server/src/log-bound'
import { useTestPlatform } from '../../support/test-platform'

/** Values no schema field accepts in a given slot (each is wrong for every field above). */
const poison: ReadonlyArray<unknown> = [
  { nested: { deeper: [1, 2, 3] } },
  [],
  [null],
  -1.5,
  true,
  'x'.repeat(70_000),
  { __proto__: { polluted: true } },
  { toString: 'not a function' },
]

function rng(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
}

/** Build one malformed envelope; every branch breaks the envelope or a required field. */
function malformed(name: CommandName, rand: () => number): unknown {
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(rand() * items.length)] as T
  const payload = { ...validPayloads[name] }
  const fields = Object.keys(payload)
  switch (Math.floor(rand() * 8)) {
    case 0:
      return pick([null, 42, 'invite.accept', [], true])
    case 1:
      return { name: `${name}.nope`, idempotencyKey: 'fuzz-key-0001', payload }
    case 2:
      return { name, idempotencyKey: pick(['', 'short', 7, null]), payload }
    case 3:
      return { name, idempotencyKey: `fuzz-${rand()}`, payload: pick([null, 'payload', 3, []]) }
    case 4: {
      delete payload[pick(fields)]
      return { name, idempotencyKey: `fuzz-${rand()}`, payload }
    }
    case 5:
      return { name, idempotencyKey: `fuzz-${rand()}`, payload: { ...payload, [pick(fields)]: pick(poison) } }
    case 6:
      return { name, payload }
    default:
      return {
        name,
        idempotencyKey: `fuzz-${rand()}`,
        payload: Object.fromEntries(fields.map((f) => [f, pick(poison)])),
      }
  }
}

describe('malformed commands', () => {
  const platform = useTestPlatform()

  it('get a clear error each, are logged, and do not disturb other experts', async () => {
    const attacker = await platform().connect(platform().addExpert().token)
    const bystander = platform().addExpert({ tags: ['rust'] })
    const bystanderSocket = await platform().connect(bystander.token)
    const rand = rng(2026)

    const logLinesBefore = platform().logger.lines.length
    const acks = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        attacker.raw(malformed(COMMAND_NAMES[i % COMMAND_NAMES.length]!, rand)),
      ),
    )
    expect(acks).toHaveLength(1_000)
    for (const ack of acks) {
      expect(ack.ok).toBe(false)
      if (!ack.ok) {
        expect(ack.error.code).toBe('invalid_payload')
        expect(ack.error.message.length).toBeGreaterThan(10)
      }
    }
    const refusals = platform()
      .logger.lines.slice(logLinesBefore)
      .filter((l) => l.includes('command refused'))
    // Logged, but a bounded number of times: a client looping bad commands cannot flood the log.
    expect(refusals).toHaveLength(defaultLogBound.linesPerMessage)

    // The platform kept serving: a real invite reaches the bystander and can be accepted.
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Borrow checker',
      kind: 'instant',
      tags: ['rust'],
    })
    const invite = await bystanderSocket.waitForEvent(ofType('invite.created'))
    const ack = await bystanderSocket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    expect(ack.ok).toBe(true)
    const info = await fetch(`${platform().server.url}/api/info`)
    expect(info.status).toBe(200)
  })

  it('survives a message with no acknowledgement and unknown events', async () => {
    const socket = await platform().connect(platform().addExpert().token)
    socket.socket.emit('command', { name: 'session.join' })
    socket.socket.emit('no-such-event', 1, 2, 3)
    const ack = await socket.command('availability.set', { availability: 'away', onlineUntil: null })
    expect(ack.ok).toBe(true)
    expect(platform().logger.lines.some((l) => l.includes('message without acknowledgement'))).toBe(true)
    expect(platform().logger.lines.some((l) => l.includes('unknown socket event'))).toBe(true)
  })
})

describe('rate limiting', () => {
  const platform = useTestPlatform({ rateLimit: { burst: 5, perSecond: 1 } })

  it('refuses a flood from one connection with a clear error, and refills over time', async () => {
    const socket = await platform().connect(platform().addExpert().token)
    const acks = await Promise.all(
      Array.from({ length: 8 }, () =>
        socket.command('availability.set', { availability: 'online', onlineUntil: null }),
      ),
    )
    expect(acks.filter((a) => a.ok)).toHaveLength(5)
    const limited = acks.filter((a) => !a.ok)
    expect(limited).toHaveLength(3)
    // The wait until the allowance holds one more, as HTTP's Retry-After says it.
    expect(limited[0]).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        retryAfterMs: 1_000,
        message: 'Too many requests at once; try again in 1 second.',
      },
    })
    platform().clock.advance(2_000)
    expect((await socket.command('availability.set', { availability: 'away', onlineUntil: null })).ok).toBe(
      true,
    )
  })

  it('keeps one allowance per expert: reconnecting or opening more sockets starts no fresh one', async () => {
    const { token } = platform().addExpert()
    const online = (socket: ExpertConnection) =>
      socket.command('availability.set', { availability: 'online', onlineUntil: null })
    const first = await platform().connect(token)
    const spent = await Promise.all(Array.from({ length: 5 }, () => online(first)))
    expect(spent.every((a) => a.ok)).toBe(true)
    first.close()
    const again = await Promise.all(Array.from({ length: 3 }, () => platform().connect(token)))
    const acks = await Promise.all(again.map(online))
    expect(acks).toEqual(
      acks.map(() =>
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'rate_limited' }) }),
      ),
    )
    const replay = await fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(replay.status).toBe(429)
    // Another expert's allowance is their own.
    const other = await platform().connect(platform().addExpert().token)
    expect((await online(other)).ok).toBe(true)
    platform().clock.advance(1_000)
    expect((await online(again[0]!)).ok).toBe(true)
  })

  it('refuses a flood of replays over HTTP with 429 and Retry-After, as over the socket', async () => {
    const { token } = platform().addExpert()
    const replay = () =>
      fetch(`${platform().server.url}${HTTP_PATHS.events}?after=0`, {
        headers: { authorization: `Bearer ${token}` },
      })
    const answers = await Promise.all(Array.from({ length: 8 }, replay))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5)
    const limited = answers.filter((a) => a.status === 429)
    expect(limited).toHaveLength(3)
    expect(limited[0]?.headers.get('retry-after')).toBe('1')
    expect(await limited[0]?.json()).toMatchObject({
      error: { code: 'rate_limited', message: 'Too many replays at once; try again in 1 second.' },
    })
    platform().clock.advance(2_000)
    expect((await replay()).status).toBe(200)
  })
})
