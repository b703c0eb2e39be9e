import { describe, expect, it } from 'vitest'
import type { SettingsValues } from '../../../../../src/main/core/ports/settings'
import {
  createSettingsStore,
  SETTINGS_WRITE_GAP_MS,
} from '../../../../../src/main/core/settings/settings-store'
import { followLaunchAtLogin, LOGIN_ITEM_APPLIED } from '../../../../../src/main/core/settings/login-item'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'
import { memoryFile } from '../../../../support/memory-settings-file'

/** A store over a file in memory, its gap timed by a clock the test moves. */
function pacedStore() {
  const file = memoryFile()
  const clock = new ManualClock(0)
  const log = recordingLog()
  const settings = createSettingsStore(file, log, false, { clock, gapMs: SETTINGS_WRITE_GAP_MS })
  const heard: SettingsValues[] = []
  settings.onChange((values) => heard.push(values))
  // The defaults a first run writes at open are not a change.
  const writesAtOpen = file.writes
  return { file, clock, log, settings, heard, writes: () => file.writes - writesAtOpen }
}

describe('the settings store under a flood of changes', () => {
  it('applies every change at once but writes the file once per gap, ending with the last values', () => {
    const { file, clock, settings, heard, writes } = pacedStore()
    for (let i = 0; i < 500; i += 1) {
      const soundEnabled = i % 2 === 1
      expect(settings.update({ soundEnabled, autoAwayMinutes: 1 + (i % 60) })).toMatchObject({ soundEnabled })
    }
    expect(settings.get()).toMatchObject({ soundEnabled: true, autoAwayMinutes: 1 + (499 % 60) })
    expect(heard).toHaveLength(500)
    expect(writes()).toBe(1)

    clock.advance(SETTINGS_WRITE_GAP_MS)
    expect(writes()).toBe(2)
    expect(file.content).toMatchObject({ soundEnabled: true, autoAwayMinutes: 1 + (499 % 60) })
    // Once the gap is over, the next change is written at once again.
    clock.advance(SETTINGS_WRITE_GAP_MS)
    settings.update({ remindersEnabled: false })
    expect(writes()).toBe(3)
    expect(file.content['remindersEnabled']).toBe(false)
  })

  it('writes nothing at the end of a gap whose changes went back to what the file holds', () => {
    const { clock, settings, writes } = pacedStore()
    settings.update({ soundEnabled: false })
    settings.update({ soundEnabled: true })
    settings.update({ soundEnabled: false })
    clock.advance(SETTINGS_WRITE_GAP_MS)
    expect(writes()).toBe(1)
  })

  it('undoes the waiting changes that then cannot be written, shows every page the values kept, and says why', () => {
    const { file, clock, log, settings, heard } = pacedStore()
    const told: string[] = []
    settings.onUndone((sentence) => told.push(sentence))
    settings.update({ soundEnabled: false })
    settings.update({ remindersEnabled: false })
    file.failWrites = true
    clock.advance(SETTINGS_WRITE_GAP_MS)

    // The page was answered that the change was made: the host tells the expert it was not.
    expect(told).toEqual([
      expect.stringMatching(
        /^Your last changes to the settings were undone: Standby could not save your settings \(ENOSPC/,
      ),
    ])

    expect(settings.get()).toMatchObject({ soundEnabled: false, remindersEnabled: true })
    expect(heard.at(-1)).toBe(settings.get())
    expect(log.text()).toContain('Could not save the settings file; the change is not made')
    // Within the gap after that failure, a change is refused with its reason, the disk not tried.
    const lines = log.lines.length
    expect(() => settings.update({ remindersEnabled: false })).toThrow(
      /could not save your settings \(ENOSPC/,
    )
    expect(log.lines).toHaveLength(lines)
    file.failWrites = false
    clock.advance(SETTINGS_WRITE_GAP_MS)
    settings.update({ remindersEnabled: false })
    expect(file.content['remindersEnabled']).toBe(false)
  })

  it('writes the waiting changes at once when the host quits', () => {
    const { file, settings, writes } = pacedStore()
    settings.update({ soundEnabled: false })
    settings.update({ mainWindowPlace: { x: 10, y: 20, width: 900, height: 700, maximized: false } })
    settings.flush()
    expect(writes()).toBe(2)
    expect(file.content['mainWindowPlace']).toMatchObject({ x: 10, y: 20 })
    settings.flush()
    expect(writes()).toBe(2)
    // The process is ending: where a window closing after it was is written at once, not in a second.
    settings.update({ mainWindowPlace: { x: 30, y: 40, width: 900, height: 700, maximized: true } })
    expect(file.content['mainWindowPlace']).toMatchObject({ x: 30, maximized: true })
  })

  it('has the OS’s login item follow the switch once per gap, however often a page flips it', () => {
    const { clock, settings } = pacedStore()
    const set: boolean[] = []
    const launch = followLaunchAtLogin(settings, {
      set: (enabled) => (set.push(enabled), LOGIN_ITEM_APPLIED),
      applyAtStart: () => LOGIN_ITEM_APPLIED,
      read: () => LOGIN_ITEM_APPLIED,
    })
    for (let i = 0; i < 200; i += 1) settings.update({ launchAtLogin: i % 2 === 0 })
    expect(set).toEqual([true])
    clock.advance(SETTINGS_WRITE_GAP_MS)
    expect(set).toEqual([true, false])
    expect(launch.status()).toBe(LOGIN_ITEM_APPLIED)
  })
})
