import { describe, expect, it } from 'vitest'
import { PROBE_EVENT, type CommandAck } from '../../../src/shared/protocol'
import type { ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

let nextId = 200_000

/**
 * Write the first frame of a binary packet of `type` (5 an event, 6 an acknowledgement) declaring
 * `count` attachments, and resolve with the platform's answer to it, if it is an event.
 */
function declareAttachments(
  connection: ExpertConnection,
  count: number,
  type = 5,
  written = String(count),
): Promise<unknown> {
  const engine = connection.socket.io.engine
  const id = nextId++
  const placeholders = Array.from({ length: count }, (_, num) => `{"_placeholder":true,"num":${num}}`)
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      if (typeof data !== 'string' || !data.startsWith(`3${id}`)) return
      engine.off('message', onMessage)
      resolve((JSON.parse(data.slice(`3${id}`.length)) as unknown[])[0])
    }
    engine.on('message', onMessage)
    engine.write(`${type}${written}-${id}["command",${placeholders.join(',')}]`)
  })
}

describe('a message with binary attachments', () => {
  const platform = useTestPlatform()
  const probe = (c: ExpertConnection): Promise<CommandAck> =>
    c.socket.timeout(10_000).emitWithAck(PROBE_EVENT, {}) as Promise<CommandAck>
  const closed = (c: ExpertConnection): Promise<string> =>
    new Promise((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)))

  it('is refused from its first frame, before any attachment comes, holding none of them', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    // Declared and never sent: the answer does not wait for them.
    const refusal = await declareAttachments(connection, 10)
    expect(refusal).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: expect.stringMatching(/binary attachments.*send the command as JSON/),
      },
    })
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('binary attachments refused'))).toHaveLength(1)
  })

  it('drops the attachments it declared as they come, and the connection carries on', async () => {
    const connection = await platform().connect(platform().addExpert().token)
    expect(await declareAttachments(connection, 3)).toMatchObject({ ok: false })
    for (let i = 0; i < 3; i++) connection.socket.io.engine.write(Buffer.alloc(90_000))
    // An acknowledgement with attachments is dropped as well: the platform asks for none.
    void declareAttachments(connection, 2, 6)
    for (let i = 0; i < 2; i++) connection.socket.io.engine.write(Buffer.alloc(10))
    expect(await probe(connection)).toMatchObject({ ok: true })
    expect(connection.socket.connected).toBe(true)
  })

  it('is refused as well when its count is written as socket.io reads a number, not in plain digits', async () => {
    const connection = await platform().connect(platform().addExpert().token)
    for (const [count, written] of [
      [3, '+3'],
      [10, '1e1'],
      [2, ' 2'],
    ] as const) {
      expect(await declareAttachments(connection, count, 5, written)).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/binary attachments/) },
      })
      for (let i = 0; i < count; i++) connection.socket.io.engine.write(Buffer.alloc(10))
    }
    expect(await probe(connection)).toMatchObject({ ok: true })
  })

  it('closes a connection that sends text where an attachment it declared is owed, and logs why', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    const cut = closed(connection)
    expect(await declareAttachments(connection, 2)).toMatchObject({ ok: false })
    void probe(connection).catch(() => undefined)
    expect(await cut).toBe('transport close')
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('cannot read'))).toEqual([expect.stringMatching(/plaintext/)])
  })

  it('closes a connection declaring more attachments than socket.io allows, or an attachment too large', async () => {
    const many = await platform().connect(platform().addExpert().token)
    const manyCut = closed(many)
    void declareAttachments(many, 11)
    expect(await manyCut).toBe('transport close')
    const large = await platform().connect(platform().addExpert().token)
    const largeCut = closed(large)
    expect(await declareAttachments(large, 1)).toMatchObject({ ok: false })
    large.socket.io.engine.write(Buffer.alloc(200_000))
    expect(await largeCut).toBe('transport close')
  })
})
