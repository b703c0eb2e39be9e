/** A digest of a command's validated payload that does not depend on key order or whitespace. */
import { createHash } from 'node:crypto'

// Only called on values a command schema has already accepted, so the depth is the schema's.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

/** SHA-256 of the command name and its payload in canonical JSON (sorted keys). */
export function payloadDigest(command: string, payload: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([command, canonical(payload)]))
    .digest('hex')
}
