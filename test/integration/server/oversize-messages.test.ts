import { describe, expect, it } from 'vitest'
import { defaultRateLimit } from '../../../server/src/rate-limiter'
import { MOST_READ_FRAME_BYTES } from '../../../server/src/socket-gateway'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { emitRaw, handshakeRaw } from '../../support/raw-packets'
import { useTestPlatform } from '../../support/test-platform'

/** A command envelope whose closing note, written out as it is sent, runs to `bytes` bytes. */
function commandOf(bytes: number, key: string): string {
  const note = JSON.stringify({
    name: 'session.end',
    idempotencyKey: key,
    payload: { sessionId: 'ses_none', outcome: { kind: 'free' }, closingNote: '' },
  })
  return note.replace('"closingNote":""', `"closingNote":"${'\u202e'.repeat(bytes / 3)}"`)
}

describe('a message larger than the platform reads', () => {
  const platform = useTestPlatform()

  it('is answered with a refusal saying so, and the connection and its other commands carry on', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    const away = connection.command('availability.set', { availability: 'away', onlineUntil: null })
    // A key that would turn the log line around, were the excerpt not escaped.
    const large = emitRaw(connection, 'command', commandOf(300_000, '\u202elarge-0001'))
    const online = connection.command('availability.set', { availability: 'online', onlineUntil: null })
    expect(await away).toMatchObject({ ok: true })
    const refusal = await large
    expect(refusal).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect((refusal as { error: { message: string } }).error.message).toMatch(
      /300,\d{3} bytes.*more than the 100,000/,
    )
    expect(await online).toMatchObject({ ok: true })
    expect(connection.socket.connected).toBe(true)

    // One line for the operator, with a short, escaped excerpt: never the frame itself.
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    const logged = lines.filter((l) => l.includes('too large'))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain('session.end')
    expect(logged[0]).not.toContain('\u202e')
    expect(logged[0]).toContain('\\u{202e}')
    expect(logged[0]!.length).toBeLessThan(600)
  })

  it('refuses a handshake too large to read with a sentence saying so', async () => {
    const token = JSON.stringify(platform().addExpert().token)
    const handshake = `{"token":${token},"protocolVersion":${PROTOCOL_VERSION},"more":"${'x'.repeat(200_000)}"}`
    expect(await handshakeRaw(platform().server.url, handshake)).toMatchObject({
      data: { code: 'invalid_payload', message: /handshake is 200,\d{3} bytes/ },
    })
  })

  it('closes a connection whose frame is too large to read at all, answers the commands sent before it, and logs why', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    const { socket } = connection
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    // Sent in one burst with the frame: carried out before it is seen, and answered all the same.
    const before = Array.from({ length: 100 }, (_, i) =>
      connection.command('availability.set', {
        availability: i % 2 === 0 ? 'away' : 'online',
        onlineUntil: null,
      }),
    )
    socket.io.engine.write(`2["command",${commandOf(MOST_READ_FRAME_BYTES + 3, 'huge-0001')}]`)
    for (const ack of await Promise.all(before)) expect(ack).toMatchObject({ ok: true })
    await closed
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    const logged = lines.filter((l) => l.includes('connection closed'))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/larger than the .* bytes the platform reads/)
  })

  it('closes a connection that sends a binary attachment too large to read, and logs why', async () => {
    const expert = platform().addExpert()
    const { socket } = await platform().connect(expert.token)
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    socket.emit('command', Buffer.alloc(200_000))
    await closed
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('connection closed'))).toEqual([
      expect.stringMatching(/a frame of 200000 bytes, more than the 100000/),
    ])
  })
})

describe('the largest frame the platform reads, at the allowance experts are given', () => {
  const limited = useTestPlatform({ rateLimit: defaultRateLimit })

  it('answers a refusal to the largest frame it reads, not cutting the connection as a flood', async () => {
    const expert = limited().addExpert()
    const connection = await limited().connect(expert.token)
    const note = 'x'.repeat(MOST_READ_FRAME_BYTES - 1_000)
    const cut = new Promise((resolve) => connection.socket.once('disconnect', () => resolve('cut')))
    const refusal = await Promise.race([
      cut,
      emitRaw(connection, 'command', commandOf(0, 'large-0002').replace('""', `"${note}"`)),
    ])
    expect(refusal).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    const away = connection.command('availability.set', { availability: 'away', onlineUntil: null })
    expect(await Promise.race([cut, away])).toMatchObject({ ok: true })
    expect(limited().logger.lines.filter((l) => l.includes('connection cut'))).toEqual([])
  })
})
