/**
 * Secrets in plain Node (browser shell, tests): the sign-in as JSON in a file only its owner may
 * read (0600). Log lines name the file and what was wrong with it, never its content.
 */
import { rm } from 'node:fs/promises'
import type { Logger } from '../../core/ports/logger'
import type { Secrets, StoredSignIn } from '../../core/ports/secrets'
import { PRIVATE_FILE_MODE, removeInterruptedWrites, writeFileAtomically } from '../atomic-file'
import { MAX_SIGN_IN_FILE_BYTES, readBoundedFile } from '../bounded-file'
import { owedSignInsFile, PLAIN_TEXT } from '../owed-sign-ins'
import {
  decodeSignIn,
  encodeSignIn,
  narrowedToOwner,
  removeUnusableSignIn,
  signInUnread,
} from '../stored-sign-in'

/** Where the file lives and where to say what happened to it. */
export interface FileSecretsOptions {
  readonly path: string
  readonly log: Logger
  /** Defaults to this process's platform; file modes mean nothing on Windows. */
  readonly platform?: NodeJS.Platform
  /** Where the sign-ins waiting to be revoked are kept; without it, for this run only. */
  readonly owedPath?: string
}

/** The sign-in kept in a 0600 JSON file at `path`. */
export function createFileSecrets(options: FileSecretsOptions): Secrets {
  const { path, log } = options
  const checkMode = (options.platform ?? process.platform) !== 'win32'
  // One operation at a time, so a clear() issued during a save() is not undone by it.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation)
    queue = result.catch(() => undefined)
    return result
  }

  // With what interrupted saves left beside it: a sign-out leaves no token on disk.
  const remove = async (): Promise<void> => {
    await rm(path, { force: true })
    removeInterruptedWrites(path)
  }
  let unusable: string | null = null

  const load = async (): Promise<StoredSignIn | null> => {
    unusable = null
    let text: string
    try {
      const bytes = await readBoundedFile(
        path,
        MAX_SIGN_IN_FILE_BYTES,
        checkMode ? narrowedToOwner(`The sign-in file ${path}`, log) : undefined,
      )
      text = bytes.toString('utf8')
    } catch (error) {
      unusable = await signInUnread(path, `the sign-in file ${path}`, log, error)
      return null
    }
    const decoded = decodeSignIn(text)
    if (decoded.ok) return decoded.signIn
    log.warn(`The sign-in file ${path} could not be used (${decoded.reason}); removed it, sign in again`)
    unusable = await removeUnusableSignIn(path, log, decoded.reason)
    return null
  }

  return {
    load: () => serial(load),
    unusable: () => unusable,
    save: (signIn) => serial(() => writeFileAtomically(path, encodeSignIn(signIn), PRIVATE_FILE_MODE)),
    clear: () => serial(remove),
    ...(options.owedPath !== undefined &&
      owedSignInsFile(options.owedPath, log, { ...PLAIN_TEXT, inTheClear: checkMode })),
  }
}
