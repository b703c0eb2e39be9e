import { describe, expect, it } from 'vitest'
import type { Socket } from 'socket.io-client'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

/** Send `frame` on the socket's WebSocket as it is, with no engine.io packet type put before it. */
function sendFrame(socket: Socket, frame: string): void {
  const transport = socket.io.engine.transport as unknown as { ws: { send(data: string): void } }
  transport.ws.send(frame)
}

describe('a packet that makes socket.io close an expert’s connection', () => {
  const platform = useTestPlatform()

  /** Connect an expert, send what `send` sends, and return the log lines naming that expert once closed. */
  async function closedBy(send: (socket: Socket) => void): Promise<string[]> {
    const expert = platform().addExpert()
    const { socket } = await platform().connect(expert.token)
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    send(socket)
    await closed
    return platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
  }

  it.each([
    ['an unknown engine.io packet type', '9'],
    ['an empty frame', ''],
  ])('is logged when it is %s', async (_, frame) => {
    const lines = await closedBy((socket) => sendFrame(socket, frame))
    expect(
      lines.filter((l) => l.includes('connection closed: a frame that is no engine.io packet')),
    ).toHaveLength(1)
  })

  it.each([
    ['an event to a namespace it never joined', '2/admin,5["command",{}]'],
    [
      'a handshake again after the welcome',
      `0${JSON.stringify({ token: 'x', protocolVersion: PROTOCOL_VERSION })}`,
    ],
  ])('is logged when it is %s', async (_, packet) => {
    const lines = await closedBy((socket) => socket.io.engine.write(packet))
    expect(
      lines.filter((l) => l.includes('connection closed: a packet for no session of this connection')),
    ).toHaveLength(1)
  })

  it('is told once when it is a message socket.io cannot decode', async () => {
    const lines = await closedBy((socket) => socket.io.engine.write('2[{"name":"command"}]'))
    expect(lines.filter((l) => l.includes('connection closed'))).toEqual([
      expect.stringContaining('a message the platform cannot read'),
    ])
  })

  it('is not confused with the client closing its own connection', async () => {
    const expert = platform().addExpert()
    const connection = await platform().connect(expert.token)
    const ended = new Promise((resolve) => platform().server.io.once('connection', resolve))
    const other = await platform().connect(expert.token)
    await ended
    connection.close()
    // The other connection's acknowledgement comes after the platform has handled the close.
    await other.replay(0)
    const lines = platform().logger.lines.filter((l) => l.includes(`expert=${expert.id}`))
    expect(lines.filter((l) => l.includes('connection closed'))).toHaveLength(0)
  })
})
