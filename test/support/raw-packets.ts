/**
 * Socket.io packets written by hand, for inputs the real client cannot encode (it recurses over
 * what it sends, so a value nested ten thousand deep overflows its stack before it leaves).
 */
import { Manager } from 'socket.io-client'
import type { ExpertConnection } from './expert-connection'

/** A JSON text nested `depth` levels deep: arrays or objects around a string. */
export function deepJson(kind: 'array' | 'object', depth: number): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}"x"${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`
}

let nextAckId = 100_000

/** Emit `event` with the given JSON texts as its arguments and resolve with the acknowledgement. */
export function emitRaw(
  connection: ExpertConnection,
  event: string,
  ...argsJson: string[]
): Promise<unknown> {
  return emitRawPacket(connection, `${JSON.stringify([event]).slice(0, -1)},${argsJson.join(',')}]`)
}

/**
 * Emit the event whose packet data (event name and arguments) is the given JSON array text, with
 * an acknowledgement, and resolve with the acknowledgement: for event names the client refuses.
 */
export function emitRawPacket(connection: ExpertConnection, dataJson: string): Promise<unknown> {
  const engine = connection.socket.io.engine
  const id = nextAckId++
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      const prefix = `3${id}`
      if (typeof data !== 'string' || !data.startsWith(prefix)) return
      engine.off('message', onMessage)
      resolve((JSON.parse(data.slice(prefix.length)) as unknown[])[0])
    }
    engine.on('message', onMessage)
    engine.write(`2${id}${dataJson}`)
  })
}

/**
 * Open a socket.io connection whose handshake `auth` is the given JSON text; resolve with the
 * refusal, or with `{closed: reason}` when the platform closes the connection without an answer.
 */
export function handshakeRaw(url: string, authJson: string): Promise<unknown> {
  const manager = new Manager(url, { autoConnect: false, reconnection: false, transports: ['websocket'] })
  return new Promise((resolve, reject) => {
    manager.open((error) => {
      if (error) return reject(error)
      const engine = manager.engine
      engine.on('close', (reason: string) => resolve({ closed: reason }))
      engine.on('message', (data: unknown) => {
        if (typeof data !== 'string') return
        // Before closing: closing reports a close at once, which must not be taken for the answer.
        resolve(data.startsWith('4') ? JSON.parse(data.slice(1)) : { welcomed: data })
        engine.close()
      })
      engine.write(`0${authJson}`)
    })
  })
}
