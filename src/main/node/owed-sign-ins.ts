/**
 * The sign-ins waiting for the platform to revoke them (core/auth/owed-revocations.ts), kept in
 * a file beside the sign-in's and as safely: owner-only, sealed as the sign-in is where the host
 * seals it. A file that cannot be read or opened keeps nothing (it only held tokens to end), and
 * log lines name the file, never its content.
 */
import { rm } from 'node:fs/promises'
import type { Logger } from '../core/ports/logger'
import type { Secrets, StoredSignIn } from '../core/ports/secrets'
import { PRIVATE_FILE_MODE, errorCode, removeInterruptedWrites, writeFileAtomically } from './atomic-file'
import { MAX_SIGN_IN_FILE_BYTES, readBoundedFile } from './bounded-file'
import { decodeSignIn, encodeSignIn } from './stored-sign-in'

/** How the host seals what it keeps; null when it cannot now (no keychain): nothing is kept then. */
export interface Sealing {
  seal(text: string): Promise<Uint8Array | string | null>
  open(bytes: Buffer): Promise<string>
}

/** Kept as written: the Node host's file is as private as its sign-in's. */
export const PLAIN_TEXT: Sealing = {
  seal: (text) => Promise.resolve(text),
  open: (bytes) => Promise.resolve(bytes.toString('utf8')),
}

/** The owed sign-ins kept in the file at `path`, sealed with `sealing`. */
export function owedSignInsFile(
  path: string,
  log: Logger,
  sealing: Sealing,
): Required<Pick<Secrets, 'loadOwed' | 'saveOwed'>> {
  const remove = async (): Promise<void> => {
    await rm(path, { force: true })
    removeInterruptedWrites(path)
  }
  const unreadable = async (why: string): Promise<readonly StoredSignIn[]> => {
    log.warn(`The sign-ins waiting to be revoked in ${path} could not be read (${why}); removed it`)
    await remove().catch(() => undefined)
    return []
  }
  return {
    async loadOwed() {
      let bytes: Buffer
      try {
        bytes = await readBoundedFile(path, MAX_SIGN_IN_FILE_BYTES)
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return []
        return unreadable(errorCode(error) ?? 'unknown error')
      }
      let text: string
      try {
        text = await sealing.open(bytes)
      } catch {
        return unreadable('it could not be unsealed')
      }
      let entries: unknown
      try {
        entries = JSON.parse(text)
      } catch {
        return unreadable('it is not valid JSON')
      }
      if (!Array.isArray(entries)) return unreadable('it is not a list')
      const owed: StoredSignIn[] = []
      for (const entry of entries) {
        const decoded = decodeSignIn(JSON.stringify(entry))
        if (decoded.ok) owed.push(decoded.signIn)
      }
      return owed
    },
    async saveOwed(owed) {
      if (owed.length === 0) return remove()
      const sealed = await sealing.seal(`[${owed.map(encodeSignIn).join(',')}]`)
      if (sealed === null) return remove()
      await writeFileAtomically(path, sealed, PRIVATE_FILE_MODE)
    },
  }
}
