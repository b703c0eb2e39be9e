/**
 * The agent the socket.io connection opens its TCP (or TLS) connection through, telling of every
 * chunk of bytes that arrives. socket.io tells of a message only once the whole of it is in: on a
 * link slow enough, one invite takes longer to cross than the silence after which the link is
 * checked, and the check's answer waits behind it, so a link that carries bytes all along was taken
 * for dead and replaced, again at every try, and the catch-up never got past that invite.
 */
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { connect as connectTcp, type LookupFunction, type Socket } from 'node:net'
import { Duplex } from 'node:stream'
import { platformNames } from './name-lookups'
import { TlsRecordFraming } from './unfinished-bytes'

type Made = (err: Error | null, stream: Duplex) => void

/**
 * Hears the size of each chunk arriving on one connection, and whether it leaves a TLS record
 * part way in (always false on a plain connection).
 */
export type Arrivals = (bytes: number, recordUnfinished: boolean) => void

/**
 * An agent for `secure` (https) or plain connections that calls `watchConnection` for each connection it
 * opens, and what that returns with the size of every chunk arriving on it. Each connection has its
 * own: one closed may linger while a slow link still brings bytes to it, and those tell nothing of
 * the connection after it. Names are looked up through `lookup`, one lookup of a name at a time
 * (name-lookups.ts).
 */
export function byteWatchAgent(
  secure: boolean,
  watchConnection: () => Arrivals,
  lookup: LookupFunction = platformNames.lookup,
): HttpAgent {
  const watch = (stream: Duplex | null | undefined): Duplex | null | undefined => {
    const arrived = watchConnection()
    stream?.on('data', (chunk: Buffer) => arrived(chunk.length, false))
    return stream
  }
  if (secure) {
    return new (class extends HttpsAgent {
      // TLS hands on bytes only once a whole record is in, and one record holds a whole small
      // message, so a message crossing a slow link came as one chunk at its end: nothing told of
      // it part way. The TCP
      // bytes beneath are watched instead, TLS reading them through JavaScript.
      override createConnection(options: ClientRequestArgs, made?: Made): Duplex | null | undefined {
        const raw = connectTcp({
          host: options.host ?? 'localhost',
          port: Number(options.port ?? 443),
          ...(options.localAddress !== undefined && { localAddress: options.localAddress }),
          ...(options.family !== undefined && { family: options.family }),
          lookup,
        })
        raw.setNoDelay(true)
        const secured = { ...options, socket: watchedBytes(raw, watchConnection()) } as ClientRequestArgs
        const tls = super.createConnection(secured, made)
        // TLS takes half-open from the stream beneath, open one way to hand on its last bytes: so it
        // ends its side once the app has read what the platform sent before closing, as over TCP,
        // where left open it lingered for ever after the platform had gone.
        if (tls) tls.allowHalfOpen = false
        return tls
      }
    })()
  }
  return new (class extends HttpAgent {
    override createConnection(options: ClientRequestArgs, made?: Made): Duplex | null | undefined {
      return watch(super.createConnection({ ...options, lookup }, made))
    }
  })()
}

/** `raw`'s bytes passed through as they come, telling `arrived` of each chunk before it is read on. */
export function watchedBytes(raw: Socket, arrived: Arrivals): Duplex {
  const watched = new Duplex({
    read: () => void raw.resume(),
    // Once the platform has closed the connection, TLS's farewell has no one to reach: dropped,
    // where writing it failed the connection with an error after the answer had come whole.
    write: (chunk: Buffer, _encoding, done) => (gone() ? done() : void raw.write(chunk, done)),
    final: (done) => (gone() ? done() : void raw.end(done)),
    destroy: (error, done) => {
      raw.destroy(error ?? undefined)
      done(error)
    },
  })
  const framing = new TlsRecordFraming()
  raw.on('data', (chunk: Buffer) => {
    arrived(chunk.length, framing.read(chunk))
    if (!watched.push(chunk)) raw.pause()
  })
  let ended = false
  // The connection closed, or ended both ways after the platform's end (TCP does not stay half open).
  const gone = (): boolean => raw.destroyed || (ended && raw.writableEnded)
  raw.on('end', () => {
    ended = true
    watched.push(null)
  })
  raw.on('error', (error) => watched.destroy(error))
  // A connection that closes after its end may still hold bytes TLS has not read, and TLS its own
  // (the app busy with what it read): destroyed at the close, they were lost and what the platform
  // said before closing came as an aborted answer. Left to close as TLS ends its side, once it has
  // read it all, or when TLS is destroyed; closed without its end (reset), nothing more is coming.
  raw.on('close', () => {
    if (!ended) watched.destroy()
  })
  return watched
}
