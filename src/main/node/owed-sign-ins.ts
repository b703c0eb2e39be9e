/**
 * The sign-ins waiting for the platform to revoke them (core/auth/owed-revocations.ts), kept in
 * a file beside the sign-in's and as safely: owner-only, sealed as the sign-in is where the host
 * seals it. A file that is no such list is removed; one that only cannot be read this run (a
 * passing fault, a locked keychain) is left as it is, neither read nor replaced, so the tokens it
 * holds are still asked about at a later start. Log lines name the file, never its content.
 */
import { rm } from 'node:fs/promises'
import type { Logger } from '../core/ports/logger'
import type { Secrets, StoredSignIn } from '../core/ports/secrets'
import { PRIVATE_FILE_MODE, errorCode, removeInterruptedWrites, writeFileAtomically } from './atomic-file'
import { MAX_SIGN_IN_FILE_BYTES, readBoundedFile } from './bounded-file'
import { decodeSignIn, encodeSignIn, narrowedToOwner, NEVER_A_SIGN_IN } from './stored-sign-in'

/** How the host seals what it keeps; null when it cannot now (no keychain): nothing is kept then. */
export interface Sealing {
  seal(text: string): Promise<Uint8Array | string | null>
  /** The text sealed in `bytes`; null when it cannot be opened now (no keychain); throws when never. */
  open(bytes: Buffer): Promise<string | null>
  /** Kept as written, where file modes hold: a file others could read is narrowed to its owner. */
  readonly inTheClear?: boolean
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
  // Set when the file could not be read this run but may be at the next start: it is left alone.
  let leftForLater = false
  const unreadNow = (why: string): readonly StoredSignIn[] => {
    leftForLater = true
    log.warn(
      `The sign-ins waiting to be revoked in ${path} could not be read (${why}); kept it, to be read again at the next start`,
    )
    return []
  }
  return {
    async loadOwed() {
      let bytes: Buffer
      try {
        bytes = await readBoundedFile(
          path,
          MAX_SIGN_IN_FILE_BYTES,
          sealing.inTheClear === true
            ? narrowedToOwner(`The sign-ins waiting to be revoked in ${path}`, log)
            : undefined,
        )
      } catch (error) {
        const code = errorCode(error)
        if (code === 'ENOENT') return []
        if (code === undefined || !NEVER_A_SIGN_IN.has(code)) return unreadNow(code ?? 'unknown error')
        return unreadable(code)
      }
      let text: string | null
      try {
        text = await sealing.open(bytes)
      } catch {
        return unreadable('it could not be unsealed')
      }
      if (text === null) return unreadNow('the OS keychain is unavailable')
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
      if (owed.length < entries.length)
        log.warn(
          `${entries.length - owed.length} of the sign-ins waiting to be revoked in ${path} could not be used (not a sign-in); let go of them`,
        )
      return owed
    },
    async saveOwed(owed) {
      // Replaced, it would lose the tokens it holds that this run could not read.
      if (leftForLater) return
      if (owed.length === 0) return remove()
      const sealed = await sealing.seal(`[${owed.map(encodeSignIn).join(',')}]`)
      // Without a keychain nothing is written; a file sealed at an earlier start is left for the next.
      if (sealed === null) return
      await writeFileAtomically(path, sealed, PRIVATE_FILE_MODE)
    },
  }
}
