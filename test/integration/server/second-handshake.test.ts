import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { useTestPlatform } from '../../support/test-platform'

/** A socket.io connection spoken by hand, frame by frame, so that it can do what a client never does. */
class RawConnection {
  readonly frames: string[] = []
  private waiters: Array<() => void> = []

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(data.toString())
      for (const wake of this.waiters) wake()
    })
  }

  static open(port: number): Promise<RawConnection> {
    const connection = new RawConnection(
      new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`),
    )
    return connection.next((f) => f.startsWith('0{')).then(() => connection)
  }

  /** The first `count` frames after the `skip`th that `match`, waiting for them if needed. */
  next(matches: (frame: string) => boolean, skip = 0, count = 1): Promise<string[]> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const found = this.frames.slice(skip).filter(matches)
        if (found.length < count) return false
        this.waiters = this.waiters.filter((w) => w !== check)
        resolve(found.slice(0, count))
        return true
      }
      if (!check()) this.waiters.push(check)
    })
  }

  send(frame: string): number {
    this.ws.send(frame)
    return this.frames.length
  }
}

describe('a second handshake on one connection before the platform answered the first', () => {
  const platform = useTestPlatform()

  it('is refused with a sentence, and the expert gets each event once, not once per handshake', async () => {
    const { id, token } = platform().addExpert()
    const raw = await RawConnection.open(platform().server.port)
    const handshake = `40${JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION })}`
    // Both before the platform has answered either, as a link that repeats a frame delivers them.
    raw.send(handshake)
    raw.send(handshake)
    const [first, second] = await raw.next((f) => /^4[04]/.test(f), 0, 2)
    expect(first).toMatch(/^40/)
    expect(second).toMatch(/^44/)
    expect(JSON.parse(second!.slice(2))).toMatchObject({
      data: { code: 'invalid_payload', message: /already/ },
    })

    const { request } = platform().inviteDirectly(id, 'Once only')
    // An acknowledgement on the same connection comes after every event sent before it.
    await raw.next((f) => f.startsWith('437'), raw.send('427["probe",{}]'))
    const shown = raw.frames.filter((f) => f.startsWith('42["platform-event"') && f.includes(request.id))
    expect(shown).toHaveLength(1)
    raw.ws.close()
  })
})

describe('a client that leaves its session and keeps the connection', () => {
  const platform = useTestPlatform()

  it('has the connection closed, rather than held for good with no session on it', async () => {
    const { token } = platform().addExpert()
    const raw = await RawConnection.open(platform().server.port)
    raw.send(`40${JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION })}`)
    await raw.next((f) => f.startsWith('40'))
    // socket.io's own leave ("41"): the connection had no other session, and the time it had to
    // say which expert it is was over, so nothing would ever close it while the client answered pings.
    const outcome = new Promise<string>((resolve) => {
      raw.ws.once('close', () => resolve('closed'))
      void raw.next((f) => f === '2', raw.send('41')).then(() => resolve('still open at the next ping'))
    })
    expect(await outcome).toBe('closed')
  })
})
