/**
 * Reading an HTTP request's body within a size bound, for every host that reads one (the
 * reference platform and the browser shell's test hooks): whoever sends the body decides its
 * size, so one over the bound is refused without being kept in memory. The request is passed in
 * as the little of a Node request this needs, so this module imports nothing from Node.
 */

/** The part of a Node `IncomingMessage` the reader uses. */
export interface BodySource {
  readonly headers: { readonly 'content-length'?: string | undefined }
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  once(event: 'end' | 'aborted' | 'error', listener: () => void): unknown
  resume(): unknown
}

/** The body is larger than the bound: answer 413 and close the connection. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`)
    this.name = 'BodyTooLarge'
  }
}

/** The body stopped before its end: the caller went away. */
export class BodyCutOff extends Error {
  constructor() {
    super('The request body was cut off.')
    this.name = 'BodyCutOff'
  }
}

/**
 * The body's bytes, at most `limit` of them; rejects with BodyTooLarge at once when the declared
 * length is over, or as soon as the streamed bytes pass it, and with BodyCutOff when it ends early.
 */
export function readBoundedBody(req: BodySource, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? 0)
  // Refused before a byte is read: the answer closes the connection, so the rest is never read.
  if (declared > limit) return Promise.reject(new BodyTooLarge(limit))
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    const onData = (chunk: Uint8Array): void => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      // Stop keeping it, but let it drain: the refusal then reaches the caller, not a reset.
      req.off('data', onData)
      req.resume()
      reject(new BodyTooLarge(limit))
    }
    req.on('data', onData)
    req.once('end', () => resolve(joinChunks(chunks, Math.min(size, limit))))
    req.once('aborted', () => reject(new BodyCutOff()))
    req.once('error', () => reject(new BodyCutOff()))
  })
}

function joinChunks(chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array {
  const joined = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    joined.set(chunk, at)
    at += chunk.length
  }
  return joined
}
