/**
 * Secrets in Electron: the sign-in encrypted with safeStorage (the OS keychain: Keychain on
 * macOS, DPAPI on Windows, libsecret/kwallet on Linux) in a 0600 file under userData.
 *
 * Uses the async safeStorage API: Electron 45 deprecates encryptString/decryptString/
 * isEncryptionAvailable and removes them in 46 (electron/electron#53670); data written by the old
 * calls decrypts with the new ones. Without a usable keychain the sign-in is never written in the
 * clear: it is kept in memory for this run only. On Linux the "basic_text" backend counts as no
 * keychain, since it encrypts with a hardcoded password (see the safeStorage docs).
 */
import { safeStorage } from 'electron'
import { rm } from 'node:fs/promises'
import type { Logger } from '../../core/ports/logger'
import type { Secrets, StoredSignIn } from '../../core/ports/secrets'
import { PRIVATE_FILE_MODE, removeInterruptedWrites, writeFileAtomically } from '../../node/atomic-file'
import { MAX_SIGN_IN_FILE_BYTES, readBoundedFile } from '../../node/bounded-file'
import { owedSignInsFile } from '../../node/owed-sign-ins'
import { decodeSignIn, encodeSignIn, removeUnusableSignIn, signInUnread } from '../../node/stored-sign-in'

/** Said once per run when the sign-in cannot be kept across restarts. */
export const KEYCHAIN_UNAVAILABLE =
  'Sign-in kept in memory only: the OS keychain is unavailable; you will need to sign in again after restarting Standby'

/** Told to the expert when a saved sign-in is kept because the keychain would not open it. */
const KEYCHAIN_LOCKED =
  'Your saved sign-in is kept, but the OS keychain would not open it. Unlock the keychain and restart Standby, or sign in again.'

/** Where the encrypted sign-in lives. */
export interface SafeStorageSecretsOptions {
  /** The encrypted file, e.g. join(app.getPath('userData'), 'sign-in.bin'). */
  readonly path: string
  readonly log: Logger
  readonly platform?: NodeJS.Platform
  /** Where the sign-ins waiting to be revoked are kept, sealed the same way; without it, for this run only. */
  readonly owedPath?: string
}

/** Secrets on safeStorage. Create it after `app.whenReady()`: safeStorage needs the app ready. */
export function createSafeStorageSecrets(options: SafeStorageSecretsOptions): Secrets {
  const { path, log } = options
  const platform = options.platform ?? process.platform
  let inMemory: StoredSignIn | null = null
  let availability: Promise<boolean> | undefined
  let saidUnavailable = false

  // Asked once: isAsyncEncryptionAvailable() initialises the encryptor on first use.
  const keychainAvailable = (): Promise<boolean> =>
    (availability ??= (async () => {
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false
      return safeStorage.isAsyncEncryptionAvailable()
    })().catch(() => false))

  // With what interrupted saves left beside it: a sign-out leaves no token on disk.
  const remove = async (): Promise<void> => {
    await rm(path, { force: true })
    removeInterruptedWrites(path)
  }
  const write = async (signIn: StoredSignIn): Promise<void> =>
    writeFileAtomically(path, await safeStorage.encryptStringAsync(encodeSignIn(signIn)), PRIVATE_FILE_MODE)

  let unusable: string | null = null
  return {
    unusable: () => unusable,

    async load() {
      unusable = null
      if (inMemory !== null) return inMemory
      let encrypted: Buffer
      try {
        encrypted = await readBoundedFile(path, MAX_SIGN_IN_FILE_BYTES)
      } catch (error) {
        unusable = await signInUnread(path, 'the saved sign-in', log, error)
        return null
      }
      if (!(await keychainAvailable())) {
        // Kept, not cleared: the keychain may be back next time (a locked Linux keyring, say).
        log.warn('A saved sign-in exists but the OS keychain is unavailable to read it; sign in again')
        unusable = KEYCHAIN_LOCKED
        return null
      }
      let text: string
      let shouldReEncrypt: boolean
      try {
        ;({ result: text, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted))
      } catch {
        log.warn(
          'The saved sign-in could not be decrypted (the keychain key may have changed); removed it, sign in again',
        )
        unusable = await removeUnusableSignIn(
          path,
          log,
          'the keychain could not decrypt it; its key may have changed',
        )
        return null
      }
      const decoded = decodeSignIn(text)
      if (!decoded.ok) {
        log.warn(`The saved sign-in could not be used (${decoded.reason}); removed it, sign in again`)
        unusable = await removeUnusableSignIn(path, log, decoded.reason)
        return null
      }
      if (shouldReEncrypt) {
        // The keychain rotated its key: store it again under the new one (best effort).
        await write(decoded.signIn).catch(() =>
          log.warn('Could not re-encrypt the saved sign-in under the new key'),
        )
      }
      return decoded.signIn
    },

    async save(signIn) {
      if (await keychainAvailable()) {
        await write(signIn)
        inMemory = null
        return
      }
      encodeSignIn(signIn) // validates, as the file path does
      inMemory = signIn
      // An older encrypted sign-in must not come back after a restart in place of this one.
      await remove()
      if (!saidUnavailable) log.warn(KEYCHAIN_UNAVAILABLE)
      saidUnavailable = true
    },

    async clear() {
      inMemory = null
      await remove()
    },

    // Without a keychain they are kept for this run only, as the sign-in is.
    ...(options.owedPath !== undefined &&
      owedSignInsFile(options.owedPath, log, {
        seal: async (text) => ((await keychainAvailable()) ? safeStorage.encryptStringAsync(text) : null),
        open: async (bytes) =>
          (await keychainAvailable()) ? (await safeStorage.decryptStringAsync(bytes)).result : null,
      })),
  }
}
