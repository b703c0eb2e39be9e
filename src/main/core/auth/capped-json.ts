/**
 * Reading a JSON answer from a server the expert typed the address of, which may be anything: a
 * download, a media stream, a page that never ends. The body is read only up to a bound, so a
 * wrong address costs the app a few kilobytes, not what the server can send before a timeout.
 */

/** What a capped read found. */
export type CappedJson =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'not_json' }
  | { readonly kind: 'too_large'; readonly maxBytes: number }
  /** The body said it was compressed and could not be unpacked; `code` is the decoder's error. */
  | { readonly kind: 'damaged'; readonly code: string }

/**
 * The decoder's code when `error`, thrown while a body was read, is a failure to unpack it (zlib's
 * codes begin Z_, brotli's and zstd's ERR_): the server answered, and what it sent was broken, so
 * this is no failure to reach it. Null for anything else (the connection dropped, the time ran out).
 */
function unpackFailure(error: unknown): string | null {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code
  if (typeof code !== 'string') return null
  return /^(Z_|ERR__?ERROR_|ERR_BROTLI|ERR_ZSTD)/.test(code) ? code : null
}

/** Read `res`'s body as JSON, giving up (and hanging up) once it passes `maxBytes`. */
export async function readCappedJson(res: Response, maxBytes: number): Promise<CappedJson> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    return { kind: 'too_large', maxBytes }
  }
  if (res.body === null) return { kind: 'not_json' }
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let step: Awaited<ReturnType<typeof reader.read>>
    try {
      step = await reader.read()
    } catch (error) {
      const code = unpackFailure(error)
      if (code === null) throw error
      return { kind: 'damaged', code }
    }
    const { done, value } = step
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return { kind: 'too_large', maxBytes }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  try {
    return { kind: 'json', value: JSON.parse(new TextDecoder().decode(bytes)) as unknown }
  } catch {
    return { kind: 'not_json' }
  }
}

/** Hang up on an answer whose body is not wanted, so its connection is not held open. */
export async function discardBody(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined)
}
