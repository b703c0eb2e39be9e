/** `safeStorage` and `powerMonitor`: the keychain and the machine's sleep and lock events. */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { PowerMonitor, SafeStorage } from 'electron'
import { fake } from './state'

/**
 * `safeStorage`, async API. The "encryption" is reversible but never contains the plain text, so
 * a test can check that a token does not reach the disk in the clear.
 */
export class FakeSafeStorage implements Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
> {
  /** False plays a machine without a usable keychain. */
  available = true
  /** What Linux reports; 'basic_text' means a hardcoded key, i.e. no real protection. */
  backend: ReturnType<SafeStorage['getSelectedStorageBackend']> = 'gnome_libsecret'
  /** True plays a rotated key: the next decryption asks for re-encryption. */
  shouldReEncrypt = false
  /** Bumped to play a new key: data encrypted under an older one no longer decrypts. */
  keyGeneration = 1

  /** False before 'ready', as Electron answers then. */
  isAsyncEncryptionAvailable = vi.fn(async (): Promise<boolean> => fake.app.isReady() && this.available)

  encryptStringAsync = vi.fn(async (plainText: string): Promise<Buffer> => {
    refuseBeforeReady()
    if (!this.available) throw new Error('Encryption is not available.')
    return this.sealed(plainText)
  })

  /** What encryptStringAsync gives for `plainText`, at once: a file a test leaves from an earlier run. */
  sealed(plainText: string): Buffer {
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a)
    return Buffer.concat([Buffer.from(`fake-v${this.keyGeneration}:`), body])
  }

  decryptStringAsync = vi.fn(
    async (encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> => {
      refuseBeforeReady()
      const prefix = Buffer.from(`fake-v${this.keyGeneration}:`)
      if (!this.available) throw new Error('Decryption is not available.')
      if (!encrypted.subarray(0, prefix.length).equals(prefix))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      const body = encrypted.subarray(prefix.length).map((byte) => byte ^ 0x5a)
      return { shouldReEncrypt: this.shouldReEncrypt, result: Buffer.from(body).toString('utf8') }
    },
  )

  /** Linux only, as in Electron (elsewhere it is no function); 'unknown' before 'ready'. */
  getSelectedStorageBackend(): ReturnType<SafeStorage['getSelectedStorageBackend']> {
    if (fake.platform !== 'linux')
      throw new TypeError('safeStorage.getSelectedStorageBackend is not a function')
    return fake.app.isReady() ? this.backend : 'unknown'
  }
}

/** Electron's async safeStorage calls reject before 'ready' with this message. */
function refuseBeforeReady(): void {
  if (!fake.app.isReady()) throw new Error('safeStorage cannot be used before app is ready')
}

/** The powerMonitor events our code listens to. */
type PowerMonitorEvent =
  'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'user-did-resign-active' | 'user-did-become-active'

/** macOS's login session events (fast user switching), which Electron emits there alone. */
const SESSION_EVENTS: ReadonlySet<PowerMonitorEvent> = new Set([
  'user-did-resign-active',
  'user-did-become-active',
])

/** `powerMonitor`: a test plays the machine sleeping, waking, locking and unlocking. */
export class FakePowerMonitor
  extends EventEmitter
  implements Pick<PowerMonitor, 'isOnBatteryPower' | 'getSystemIdleTime' | 'getSystemIdleState'>
{
  /** What getSystemIdleTime answers: whole seconds since the last input. */
  idleSeconds = 0
  /** Whether the screen is locked, as the system would answer (lock-screen and unlock-screen set it). */
  screenLocked = false
  isOnBatteryPower(): boolean {
    return false
  }
  getSystemIdleTime(): number {
    return this.idleSeconds
  }
  /**
   * Chromium's CalculateIdleState: locked first, then idle from the threshold on. Electron takes the
   * threshold as an int (anything else fails its argument conversion) and refuses one under 1.
   */
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    if (!Number.isInteger(idleThreshold) || Math.abs(idleThreshold) >= 2 ** 31)
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${idleThreshold}`)
    if (!(idleThreshold > 0)) throw new TypeError('Invalid idle threshold, must be greater than 0')
    if (this.screenLocked) return 'locked'
    return this.idleSeconds >= idleThreshold ? 'idle' : 'active'
  }
  /**
   * Emits one of the events with no arguments, as Electron does for these. Electron emits
   * lock-screen and unlock-screen on macOS and Windows only, so on Linux the fake refuses to; and
   * the session events on macOS only (electron_api_power_monitor_mac.mm, NSWorkspace's
   * SessionDidResignActive and SessionDidBecomeActive), where switching to another user sends no
   * lock-screen (electron/electron#25039) and leaves `getSystemIdleState` as it was: Chromium's
   * answer reads the screen lock and the screen saver alone (ui/base/idle/idle_mac.mm).
   */
  play(event: PowerMonitorEvent): void {
    if ((event === 'lock-screen' || event === 'unlock-screen') && fake.platform === 'linux')
      throw new Error(`Electron never emits ${event} on Linux: play idle time instead`)
    if (SESSION_EVENTS.has(event) && fake.platform !== 'darwin')
      throw new Error(
        `Electron emits ${event} on macOS only: Windows locks the screen as another user signs in`,
      )
    if (event === 'lock-screen') this.screenLocked = true
    if (event === 'unlock-screen') this.screenLocked = false
    this.emit(event)
  }
}
