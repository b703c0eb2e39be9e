import { describe, expect, it } from 'vitest'
import { namingOversizeCompany } from '../../../../../src/main/core/connection/oversize-company'
import { AnswerTooLarge } from '../../../../../src/main/core/ports/link-transport'
import { memoryTransport } from '../../../../support/memory-transport'

/** An open in-memory connection, wrapped, and its platform's side. */
function opened() {
  const { transport, connections } = memoryTransport()
  const noop = () => {}
  const handlers = { opened: noop, failed: noop, closed: noop, received: noop, passedOver: noop, heard: noop }
  const inner = transport(
    { platformUrl: 'http://127.0.0.1:1', auth: { token: 't', protocolVersion: 1 } },
    handlers,
  )
  const platform = connections[0]!
  inner.connect()
  platform.accept()
  return { connection: namingOversizeCompany(inner), platform }
}

/** What a question failed with, as the error it was. */
const failure = (question: Promise<unknown>): Promise<unknown> =>
  question.then(
    () => 'answered',
    (error: unknown) => error,
  )

describe('questions failed by a message over the size limit', () => {
  it('each name the others still awaited, which the message may have answered instead', async () => {
    const { connection, platform } = opened()
    const command = failure(connection.request('command', {}))
    const replay = failure(connection.request('replay', {}))
    platform.sendTooLarge()
    const [commandFailed, replayFailed] = await Promise.all([command, replay])
    expect(commandFailed).toBeInstanceOf(AnswerTooLarge)
    expect((commandFailed as AnswerTooLarge).alongside).toEqual(['replay'])
    expect((replayFailed as AnswerTooLarge).alongside).toEqual(['command'])
  })

  it('name none answered or given up on before it came', async () => {
    const { connection, platform } = opened()
    const command = failure(connection.request('command', {}))
    const answered = connection.request('replay', {})
    platform.requests[1]?.answer({ ok: true })
    await answered
    const abandon = new AbortController()
    const given = failure(connection.request('replay', {}, abandon.signal))
    abandon.abort()
    await given
    platform.sendTooLarge()
    expect(((await command) as AnswerTooLarge).alongside).toEqual([])
  })
})
