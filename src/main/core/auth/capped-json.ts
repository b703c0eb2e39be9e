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
    const { done, value } = await reader.read()
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
