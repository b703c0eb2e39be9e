import { describe, expect, it } from 'vitest'
import { deepJson, emitRaw, emitRawPacket, handshakeRaw } from '../../support/raw-packets'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

const envelope = {
  name: 'availability.set',
  idempotencyKey: 'emit-key-0001',
  payload: { availability: 'away', onlineUntil: null },
}

describe('emits that do not have the shape of a command or replay', () => {
  const platform = useTestPlatform()

  it('acknowledges a command or replay with an extra argument, or with none, with invalid_payload', async () => {
    const { socket } = await platform().connect(platform().addExpert().token)
    const ask = (event: string, ...args: unknown[]) => socket.timeout(10_000).emitWithAck(event, ...args)
    for (const ack of [
      await ask('command', envelope, 'extra'),
      await ask('command', envelope, { more: true }, 3),
      await ask('command'),
      await ask('replay', { after: 0 }, 'extra'),
      await ask('replay'),
    ]) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect((ack as { error: { message: string } }).error.message).toMatch(/exactly one argument/)
    }
    // The refusals changed nothing: the well-formed command still runs the first time.
    expect(await ask('command', envelope)).toMatchObject({ ok: true, result: { availability: 'away' } })
  })

  it('acknowledges an unknown event that carries an acknowledgement with invalid_payload', async () => {
    const connection = await platform().connect(platform().addExpert().token)
    const { socket } = connection
    const named = await socket.timeout(10_000).emitWithAck('no-such-event', { after: 0 })
    // A number is a valid event name on the wire, though the client library cannot send one.
    const numbered = await emitRawPacket(connection, '[42,{"after":0}]')
    for (const ack of [named, numbered]) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect((ack as { error: { message: string } }).error.message).toMatch(/knows only the events/)
    }
    expect(await socket.timeout(10_000).emitWithAck('replay', { after: 0 })).toMatchObject({ ok: true })
  })

  it('acknowledges an emit it cannot read (an object or reserved name, broken JSON) and stays connected', async () => {
    const connection = await platform().connect(platform().addExpert().token)
    for (const data of [
      '[{"name":"command"},{"after":0}]',
      '["disconnect",{}]',
      '{"after":0}',
      '["command",',
    ]) {
      const ack = await emitRawPacket(connection, data)
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect((ack as { error: { message: string } }).error.message).toMatch(/could not be read/)
    }
    expect(connection.socket.connected).toBe(true)
    expect(await connection.replay(0)).toMatchObject({ kind: 'events' })
  })

  it('closes a connection that sends an unreadable emit without an acknowledgement, and logs why', async () => {
    const expert = platform().addExpert()
    const { socket } = await platform().connect(expert.token)
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    socket.io.engine.write('2[{"name":"command"}]')
    await closed
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('a message the platform cannot read'))).toHaveLength(1)
  })

  it('logs emits without an acknowledgement, and unknown events, once per connection', async () => {
    const expert = platform().addExpert()
    const { socket } = await platform().connect(expert.token)
    for (let i = 0; i < 50; i++) {
      socket.emit('command', envelope)
      socket.emit('replay', { after: 0 })
      socket.emit('no-such-event', i)
    }
    // Emits are handled in order: once this one is answered, every one before it was seen.
    await socket.timeout(10_000).emitWithAck('replay', { after: 0 })
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('without acknowledgement'))).toHaveLength(1)
    expect(lines.filter((l) => l.includes('unknown socket event'))).toHaveLength(1)
  })

  it('answers an event a client names "error" as unknown, stays up, and does not log it as a closed connection', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    // socket.io hands a client's "error" event to the same listener as its own read failures; a
    // value nested this deep cannot be turned into text, and must not take the platform down.
    for (const argument of [deepJson('array', 10_000), '{}', '"boom"']) {
      const ack = await emitRaw(connection, 'error', argument)
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect((ack as { error: { message: string } }).error.message).toMatch(/knows only the events/)
    }
    connection.socket.emit('error', { without: 'acknowledgement' })
    expect(await connection.replay(0)).toMatchObject({ kind: 'events' })
    expect(connection.socket.connected).toBe(true)
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('cannot read'))).toEqual([])
    expect(lines.filter((l) => l.includes('unknown socket event'))).toHaveLength(1)
  })

  it('refuses a command, a replay or a handshake holding more keys than any has, unread, and stays up', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    const keys = JSON.stringify(Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 0])))
    for (const [event, text] of [
      ['command', `{"name":"availability.set","idempotencyKey":"many-0001","payload":${keys}}`],
      ['replay', `{"after":0,"more":${keys}}`],
    ] as const) {
      const ack = await emitRaw(connection, event, text)
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect((ack as { error: { message: string } }).error.message).toMatch(/more than 1,000 keys/)
    }
    // Colons inside text are no keys: a message full of them is read as any other.
    const colons = await emitRaw(
      connection,
      'replay',
      JSON.stringify({ after: 0, digest: ':'.repeat(5_000) }),
    )
    expect((colons as { error?: { message: string } }).error?.message).not.toMatch(/keys/)
    expect(await connection.replay(0)).toMatchObject({ kind: 'events' })
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('too many keys'))).toHaveLength(1)

    const token = JSON.stringify(platform().addExpert().token)
    const handshake = `{"token":${token},"protocolVersion":${PROTOCOL_VERSION},"more":${keys}}`
    expect(await handshakeRaw(platform().server.url, handshake)).toMatchObject({
      data: { code: 'invalid_payload', message: /handshake holds more than 1,000 keys/ },
    })
  })

  it('refuses a command, a replay or a handshake that names a key twice in one object, and acts on neither value', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    const twice: ReadonlyArray<readonly [text: string, key: string]> = [
      // JSON.parse keeps the last value ("away"); another reader of the same text would go offline.
      [
        `{"name":"availability.set","idempotencyKey":"twice-0001","payload":{"availability":"offline","onlineUntil":null,"availability":"away"}}`,
        'availability',
      ],
      [
        `{"name":"availability.set","name":"availability.set","idempotencyKey":"twice-0002","payload":{"availability":"away","onlineUntil":null}}`,
        'name',
      ],
    ]
    for (const [text, key] of twice) {
      const ack = await emitRaw(connection, 'command', text)
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect((ack as { error: { message: string } }).error.message).toContain(`key "${key}" twice`)
    }
    const replay = await emitRaw(connection, 'replay', '{"after":0,"after":5}')
    expect(replay).toMatchObject({ ok: false, error: { message: /key "after" twice/ } })
    expect(platform().server.marketplace.store.expert(expert.id).availability).toBe('online')
    // The same key in two objects is no repeat, and the connection still answers.
    expect(
      await emitRaw(
        connection,
        'replay',
        '{"after":0,"snapshot":true,"snapshotAfter":{"list":"sessions","id":"ses_x"}}',
      ),
    ).toMatchObject({ ok: true })

    const token = JSON.stringify(platform().addExpert().token)
    const handshake = `{"token":${token},"protocolVersion":${PROTOCOL_VERSION},"token":"another"}`
    expect(await handshakeRaw(platform().server.url, handshake)).toMatchObject({
      data: { code: 'invalid_payload', message: /key "token" twice/ },
    })
  })
})
