/**
 * Finds a key written twice in one object of a JSON text. JSON.parse keeps the last of them, other
 * parsers the first, so a body that names a key twice means one thing here and another to a proxy
 * or a log reader in front: the platform refuses it rather than pick one.
 */

/** A frame of the scan: an object (with the keys seen so far) or an array. */
type Frame = { readonly keys: Set<string>; expectKey: boolean } | null

/**
 * The first key named twice in one object of `json`, which must already have parsed as JSON; or
 * undefined. Iterative, so a body nested as deep as the size limit allows cannot overflow the stack.
 */
export function firstDuplicateKey(json: string): string | undefined {
  const frames: Frame[] = []
  for (let i = 0; i < json.length; i++) {
    const char = json[i]
    const top = frames.at(-1)
    if (char === '{') frames.push({ keys: new Set(), expectKey: true })
    else if (char === '[') frames.push(null)
    else if (char === '}' || char === ']') frames.pop()
    else if (char === ',' && top) top.expectKey = true
    else if (char === '"') {
      const start = i
      for (i++; json[i] !== '"'; i++) if (json[i] === '\\') i++
      if (!top?.expectKey) continue
      // Escapes decoded, so that "a" and "\u0061" are the same key, as JSON.parse reads them.
      const key = JSON.parse(json.slice(start, i + 1)) as string
      if (top.keys.has(key)) return key
      top.keys.add(key)
      top.expectKey = false
    }
  }
  return undefined
}
