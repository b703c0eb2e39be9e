import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createSafeStorageSecrets,
  KEYCHAIN_UNAVAILABLE,
} from '../../../../../src/main/electron/adapters/safe-storage-secrets'
import { MAX_SIGN_IN_FILE_BYTES } from '../../../../../src/main/node/bounded-file'
import type { StoredSignIn } from '../../../../../src/main/core/ports/secrets'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { useTempDirs } from '../../../../support/temp-dir'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)
// Removal fails as on a read-only file system when a test says so: no folder mode stops root.
// And the next open fails with `openFails` (a passing fault: too many files open, a disk error).
const removal = vi.hoisted(() => ({ readOnly: false, openFails: null as string | null }))
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof FsPromises>()
  return {
    ...actual,
    rm: (...args: Parameters<typeof actual.rm>) =>
      removal.readOnly
        ? Promise.reject(Object.assign(new Error('EROFS: read-only file system, unlink'), { code: 'EROFS' }))
        : actual.rm(...args),
    open: (...args: Parameters<typeof actual.open>) => {
      const code = removal.openFails
      removal.openFails = null
      return code === null
        ? actual.open(...args)
        : Promise.reject(Object.assign(new Error(`${code}: failed, open`), { code }))
    },
  }
})

const tempDir = useTempDirs()
const TOKEN = 'tok_s3cr3t-7f9a1c44e2b0'
const signIn: StoredSignIn = { platformUrl: 'https://platform.example', token: TOKEN, expertId: 'exp_ada' }

function setup(platform: NodeJS.Platform = 'darwin') {
  const path = join(tempDir(), 'sign-in.bin')
  const log = recordingLog()
  return { path, log, secrets: createSafeStorageSecrets({ path, log, platform }) }
}

beforeEach(() => {
  resetFakeElectron()
  removal.readOnly = false
  removal.openFails = null
})

describe('Electron secrets (safeStorage)', () => {
  it('stores the sign-in encrypted, in a 0600 file, and reads it back', async () => {
    const { secrets, path, log } = setup()
    expect(await secrets.load()).toBeNull()
    await secrets.save(signIn)
    const onDisk = readFileSync(path)
    expect(onDisk.includes(TOKEN)).toBe(false)
    expect(onDisk.includes('exp_ada')).toBe(false)
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(await createSafeStorageSecrets({ path, log, platform: 'darwin' }).load()).toEqual(signIn)
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledOnce()
  })

  it('keeps the sign-in in memory only when the keychain is unavailable, and says so once', async () => {
    fake.safeStorage.available = false
    const { secrets, path, log } = setup()
    await secrets.save(signIn)
    await secrets.save({ ...signIn, token: 'tok_second' })
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(await secrets.load()).toEqual({ ...signIn, token: 'tok_second' })
    expect(log.lines).toEqual([`warn ${KEYCHAIN_UNAVAILABLE}`])
    expect(KEYCHAIN_UNAVAILABLE).toContain(
      'the OS keychain is unavailable; you will need to sign in again after restarting Standby',
    )
    expect(fake.safeStorage.encryptStringAsync).not.toHaveBeenCalled()
    await secrets.clear()
    expect(await secrets.load()).toBeNull()
  })

  it('counts Linux’s basic_text backend (a hardcoded key) as no keychain', async () => {
    fake.safeStorage.backend = 'basic_text'
    const { secrets, path, log } = setup('linux')
    await secrets.save(signIn)
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(log.text()).toContain(KEYCHAIN_UNAVAILABLE)
    // The same backend name means nothing on macOS.
    const other = setup('darwin')
    await other.secrets.save(signIn)
    expect(statSync(other.path).isFile()).toBe(true)
  })

  it('removes an older encrypted sign-in when a new one can only be kept in memory', async () => {
    const { path, log } = setup()
    await createSafeStorageSecrets({ path, log, platform: 'darwin' }).save(signIn)
    fake.safeStorage.available = false
    const secrets = createSafeStorageSecrets({ path, log, platform: 'darwin' })
    await secrets.save({ ...signIn, token: 'tok_new' })
    expect(() => statSync(path)).toThrow(/ENOENT/)
  })

  it('keeps the file but loads nothing when the keychain is unavailable at start', async () => {
    const { path, log } = setup()
    await createSafeStorageSecrets({ path, log, platform: 'darwin' }).save(signIn)
    fake.safeStorage.available = false
    const later = createSafeStorageSecrets({ path, log, platform: 'darwin' })
    expect(await later.load()).toBeNull()
    expect(statSync(path).isFile()).toBe(true)
    expect(log.text()).toContain('keychain is unavailable to read it')
    expect(later.unusable?.()).toBe(
      'Your saved sign-in is kept, but the OS keychain would not open it. Unlock the keychain and restart Standby, or sign in again.',
    )
  })

  it('clears a sign-in that no longer decrypts (a new keychain key)', async () => {
    const { secrets, path, log } = setup()
    await secrets.save(signIn)
    fake.safeStorage.keyGeneration = 2
    expect(await secrets.load()).toBeNull()
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(log.text()).toContain('could not be decrypted')
    expect(secrets.unusable?.()).toBe(
      'Standby could not use your saved sign-in (the keychain could not decrypt it; its key may have changed) and removed it. Sign in again.',
    )
  })

  it('starts signed out when a sign-in that no longer decrypts cannot be removed, and says it stays', async () => {
    const { secrets, path, log } = setup()
    await secrets.save(signIn)
    fake.safeStorage.keyGeneration = 2
    removal.readOnly = true
    await expect(secrets.load()).resolves.toBeNull()
    writeFileSync(path, await fake.safeStorage.encryptStringAsync('{"token":'))
    await expect(secrets.load()).resolves.toBeNull()
    expect(log.text()).toContain('could not be removed (EROFS); it is ignored, sign in again')
  })

  it('clears a decrypted blob that is not a sign-in', async () => {
    const { secrets, path, log } = setup()
    writeFileSync(path, await fake.safeStorage.encryptStringAsync(`{"token":"${TOKEN}"`))
    expect(await secrets.load()).toBeNull()
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(log.text()).toContain('it is not valid JSON')
  })

  it('removes a file larger than any sign-in without reading it whole or decrypting it', async () => {
    const { secrets, path, log } = setup()
    writeFileSync(path, Buffer.alloc(MAX_SIGN_IN_FILE_BYTES + 1))
    expect(await secrets.load()).toBeNull()
    expect(() => statSync(path)).toThrow(/ENOENT/)
    expect(log.text()).toContain('Could not read the saved sign-in (EFBIG)')
    expect(fake.safeStorage.decryptStringAsync).not.toHaveBeenCalled()
  })

  it('keeps a sign-in that could not be read for a moment, and reads it at the next start', async () => {
    const { secrets, path, log } = setup()
    await secrets.save(signIn)
    removal.openFails = 'EIO'
    expect(await secrets.load()).toBeNull()
    expect(statSync(path).isFile()).toBe(true)
    expect(log.text()).toContain('Could not read the saved sign-in (EIO); kept it')
    expect(secrets.unusable?.()).toMatch(/^Your saved sign-in is kept, but Standby could not read it \(EIO\)/)
    expect(await createSafeStorageSecrets({ path, log, platform: 'darwin' }).load()).toEqual(signIn)
  })

  it('re-encrypts when the keychain asks for it', async () => {
    const { secrets } = setup()
    await secrets.save(signIn)
    fake.safeStorage.shouldReEncrypt = true
    expect(await secrets.load()).toEqual(signIn)
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2)
  })

  it('asks the keychain whether it is available only once', async () => {
    const { secrets } = setup()
    await secrets.save(signIn)
    await secrets.load()
    await secrets.save(signIn)
    expect(fake.safeStorage.isAsyncEncryptionAvailable).toHaveBeenCalledOnce()
  })

  it('removes, at a sign-out, what a save interrupted before its rename left beside the file', async () => {
    const { secrets, path } = setup()
    await secrets.save(signIn)
    // A process id past every pid_max: the save that left it is gone.
    const left = `${path}.${2 ** 31 - 2}-0123456789ab.tmp`
    writeFileSync(left, readFileSync(path), { mode: 0o600 })
    await secrets.clear()
    expect(existsSync(path)).toBe(false)
    expect(existsSync(left)).toBe(false)
  })

  it('never writes the token to the log', async () => {
    const { secrets, path, log } = setup()
    await secrets.save(signIn)
    fake.safeStorage.keyGeneration = 2
    await secrets.load()
    writeFileSync(path, await fake.safeStorage.encryptStringAsync(TOKEN))
    await secrets.load()
    fake.safeStorage.available = false
    const memoryOnly = setup()
    await memoryOnly.secrets.save(signIn)
    expect(log.lines.length + memoryOnly.log.lines.length).toBeGreaterThanOrEqual(3)
    expect(log.text() + memoryOnly.log.text()).not.toContain(TOKEN)
  })
})

describe('sign-ins waiting to be revoked', () => {
  /** Secrets whose owed revocations are kept beside the sign-in. */
  function withOwed() {
    const owedPath = join(tempDir(), 'revocations-owed.bin')
    const log = recordingLog()
    const secrets = createSafeStorageSecrets({
      path: join(tempDir(), 'sign-in.bin'),
      owedPath,
      log,
      platform: 'darwin',
    })
    return { owedPath, log, secrets }
  }

  it('are kept sealed by the keychain, read back, and removed once none is left', async () => {
    const { owedPath, secrets } = withOwed()
    await secrets.saveOwed!([signIn])
    expect(readFileSync(owedPath).includes(TOKEN)).toBe(false)
    expect(
      await createSafeStorageSecrets({ path: 'unused', owedPath, log: recordingLog(), platform: 'darwin' })
        .loadOwed!(),
    ).toEqual([signIn])
    await secrets.saveOwed!([])
    expect(existsSync(owedPath)).toBe(false)
  })

  it('are kept for this run only without a keychain, never in the clear', async () => {
    fake.safeStorage.available = false
    const { owedPath, secrets } = withOwed()
    await secrets.saveOwed!([signIn])
    expect(existsSync(owedPath)).toBe(false)
  })

  it('sealed at an earlier start, are left for the next while the keychain is locked, not lost', async () => {
    const { owedPath } = withOwed()
    const sealed = fake.safeStorage.sealed(JSON.stringify([signIn]))
    writeFileSync(owedPath, sealed)
    fake.safeStorage.available = false
    const log = recordingLog()
    const locked = createSafeStorageSecrets({
      path: join(tempDir(), 'sign-in.bin'),
      owedPath,
      log,
      platform: 'darwin',
    })
    expect(await locked.loadOwed!()).toEqual([])
    await locked.saveOwed!([{ ...signIn, token: 'tok_later' }])
    await locked.saveOwed!([])
    expect(readFileSync(owedPath).equals(sealed)).toBe(true)
    expect(log.text()).toContain('to be read again at the next start')

    fake.safeStorage.available = true
    const unlocked = createSafeStorageSecrets({ path: 'unused', owedPath, log, platform: 'darwin' })
    expect(await unlocked.loadOwed!()).toEqual([signIn])
    expect(log.text()).not.toContain(TOKEN)
  })
})
