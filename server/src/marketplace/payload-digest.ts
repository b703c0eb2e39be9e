/** A digest of a command's validated payload that does not depend on key order or whitespace. */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../src/shared/canonical-json'

/** SHA-256 of the command name and its payload in canonical JSON (sorted keys). */
export function payloadDigest(command: string, payload: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([command, payload]))
    .digest('hex')
}
