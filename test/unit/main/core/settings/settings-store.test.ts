import { describe, expect, it, vi } from 'vitest'
import { answerCall } from '../../../../../src/main/core/ipc/answer-call'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import {
  createSettingsStore,
  InvalidSettingError,
  SETTINGS_WRITE_GAP_MS,
} from '../../../../../src/main/core/settings/settings-store'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'
import { FIRST_RUN_SETTINGS } from '../../../../support/fixtures'
import { memoryFile } from '../../../../support/memory-settings-file'

describe('the settings store', () => {
  it('writes the defaults with the layout version on a first run', () => {
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog())
    expect(settings.get()).toEqual(FIRST_RUN_SETTINGS)
    expect(file.content).toEqual({ ...settings.get(), settingsVersion: SETTINGS_VERSION })
  })

  it('does not rewrite a file that is already current', () => {
    const file = memoryFile({
      ...FIRST_RUN_SETTINGS,
      remindersEnabled: false,
      settingsVersion: SETTINGS_VERSION,
    })
    createSettingsStore(file, recordingLog())
    expect(file.writes).toBe(0)
  })

  it('stores a valid change and tells the listeners afterwards', () => {
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog())
    const seen: unknown[] = []
    settings.onChange((values) => seen.push({ values, onDisk: file.content['soundEnabled'] }))
    const updated = settings.update({ soundEnabled: false, platformUrl: 'https://platform.example' })
    expect(updated).toMatchObject({ soundEnabled: false, platformUrl: 'https://platform.example' })
    expect(settings.get()).toBe(updated)
    expect(file.content).toMatchObject({ soundEnabled: false, platformUrl: 'https://platform.example' })
    expect(seen).toEqual([{ values: updated, onDisk: false }])
  })

  it('refuses an invalid value with an error naming the key, and stores nothing', () => {
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog())
    const listener = vi.fn()
    settings.onChange(listener)
    const writes = file.writes
    const before = settings.get()

    const attempt = () => settings.update({ soundEnabled: true, platformUrl: 'ftp://files.example' })
    expect(attempt).toThrow(InvalidSettingError)
    expect(attempt).toThrow('Setting "platformUrl" was not saved: Invalid URL')
    try {
      attempt()
    } catch (error) {
      expect((error as InvalidSettingError).key).toBe('platformUrl')
    }
    expect(() => settings.update({ remindersEnabled: 'yes' as unknown as boolean })).toThrow(
      'Setting "remindersEnabled" was not saved',
    )
    expect(settings.get()).toBe(before)
    expect(file.writes).toBe(writes)
    expect(listener).not.toHaveBeenCalled()
  })

  it('refuses a key that is not a setting', () => {
    const settings = createSettingsStore(memoryFile(), recordingLog())
    expect(() => settings.update({ theme: 'dark' } as never)).toThrow(
      'Setting "theme" was not saved: there is no such setting',
    )
  })

  it('treats an undefined value as no change, and a no-op as nothing to tell', () => {
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog())
    const listener = vi.fn()
    settings.onChange(listener)
    const writes = file.writes
    expect(settings.update({ soundEnabled: undefined, launchAtLogin: false })).toEqual(settings.get())
    expect(settings.get().soundEnabled).toBe(true)
    expect(file.writes).toBe(writes)
    expect(listener).not.toHaveBeenCalled()
  })

  it('keeps the old values and throws when the file cannot be written', () => {
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog())
    const listener = vi.fn()
    settings.onChange(listener)
    file.failWrites = true
    expect(() => settings.update({ soundEnabled: false })).toThrow('ENOSPC')
    expect(settings.get().soundEnabled).toBe(true)
    expect(listener).not.toHaveBeenCalled()
  })

  it('tells the window what happened and what to do when the file cannot be written, and saves the change once it can', async () => {
    const file = memoryFile()
    const clock = new ManualClock(0)
    const settings = createSettingsStore(file, recordingLog(), false, { clock, gapMs: SETTINGS_WRITE_GAP_MS })
    file.failWrites = true
    const quiet = { warn: () => {}, error: () => {} }
    const refusal = {
      ok: false,
      error: {
        code: 'handler_failed',
        message:
          'Standby could not save your settings (ENOSPC: no space left on device). Free some space on the disk that holds your profile, then change the setting again.',
      },
    }
    const refused = await answerCall('settings.update', { soundEnabled: false }, settings.update, quiet)
    expect(refused).toEqual(refusal)
    // Tried again at once, the disk is not tried again: the same refusal.
    file.failWrites = false
    expect(await answerCall('settings.update', { soundEnabled: false }, settings.update, quiet)).toEqual(
      refusal,
    )
    expect(file.writes).toBe(1)
    clock.advance(SETTINGS_WRITE_GAP_MS)
    const saved = await answerCall('settings.update', { soundEnabled: false }, settings.update, quiet)
    expect(saved).toMatchObject({ ok: true, value: { soundEnabled: false } })
    expect(file.content['soundEnabled']).toBe(false)
  })

  it('still starts when the file can be neither read nor written', () => {
    const log = recordingLog()
    const file = memoryFile()
    file.failWrites = true
    const settings = createSettingsStore(
      {
        read: () => {
          throw new Error('EACCES')
        },
        write: file.write,
      },
      log,
    )
    expect(settings.get().soundEnabled).toBe(true)
    expect(settings.resetAtOpen).toBe('all')
    expect(log.lines.map((line) => line.split(' ')[0])).toEqual(['error', 'error'])
  })

  it('says which settings went back to their defaults at open, and nothing once they are saved', () => {
    const file = memoryFile({ settingsVersion: SETTINGS_VERSION, autoAwayMinutes: 0, soundEnabled: false })
    expect(createSettingsStore(file, recordingLog()).resetAtOpen).toEqual(['autoAwayMinutes'])
    expect(createSettingsStore(file, recordingLog()).resetAtOpen).toEqual([])
    expect(createSettingsStore(memoryFile(), recordingLog(), true).resetAtOpen).toBe('all')
  })

  it('stops telling a listener once it unsubscribes, and survives a listener that throws', () => {
    const log = recordingLog()
    const settings = createSettingsStore(memoryFile(), log)
    const failing = vi.fn(() => {
      throw new Error('listener broke')
    })
    const listener = vi.fn()
    settings.onChange(failing)
    const unsubscribe = settings.onChange(listener)
    settings.update({ soundEnabled: false })
    unsubscribe()
    unsubscribe()
    settings.update({ soundEnabled: true })
    expect(listener).toHaveBeenCalledOnce()
    expect(failing).toHaveBeenCalledTimes(2)
    expect(log.text()).toContain('A settings listener failed')
  })

  it('hands out values that cannot be changed behind its back', () => {
    const settings = createSettingsStore(memoryFile(), recordingLog())
    expect(() => {
      ;(settings.get() as { soundEnabled: boolean }).soundEnabled = false
    }).toThrow(TypeError)
  })
})
