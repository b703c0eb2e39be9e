import { describe, expect, it } from 'vitest'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import {
  defaultSettings,
  readSettings,
  settingsFileContent,
} from '../../../../../src/main/core/settings/read-settings'
import { recordingLog } from '../../../../support/recording-log'
import { FIRST_RUN_SETTINGS } from '../../../../support/fixtures'

const defaults = defaultSettings()

describe('reading settings from whatever is on disk', () => {
  it.each([
    ['a user name and password', 'https://ada:hunter2@platform.example.com'],
    ['plain http to another computer', 'http://platform.example.com'],
  ])('never keeps a platform address holding %s, which sign-in refuses and Settings would show', (_, url) => {
    const log = recordingLog()
    const read = readSettings({ ...settingsFileContent(defaults), platformUrl: url }, log)
    expect(read.values.platformUrl).toBeNull()
    expect(log.text()).toMatch(
      /Setting "platformUrl" had an invalid value \(The platform address (must be https|holds a user name or password)/,
    )
    expect(log.text()).not.toContain('hunter2')
  })

  it('resets a setting holding a broken character (half of an emoji), saying so in well-formed words', () => {
    const log = recordingLog()
    const read = readSettings(
      { ...settingsFileContent(defaults), platformUrl: 'https://platform.example.com/\ud800' },
      log,
    )
    expect(read.values.platformUrl).toBeNull()
    expect(read.reset).toEqual(['platformUrl'])
    expect(log.text()).toMatch(/Setting "platformUrl" had an invalid value \(it holds a broken character/)
    expect(log.text().isWellFormed()).toBe(true)
  })

  it('gives the defaults for a first run, and asks for the file to be written', () => {
    const log = recordingLog()
    expect(defaults).toEqual(FIRST_RUN_SETTINGS)
    expect(readSettings({}, log)).toEqual({ values: defaults, rewrite: true, reset: [] })
    expect(log.lines).toEqual([])
  })

  it('reads a file from before the update channel as following stable releases, and bad channels as stable', () => {
    const log = recordingLog()
    const before = { platformUrl: null, remindersEnabled: false, soundEnabled: true, launchAtLogin: false }
    const read = readSettings({ ...before, settingsVersion: SETTINGS_VERSION }, log)
    expect(read.values).toEqual({
      ...before,
      updateChannel: 'stable',
      autoAwayEnabled: true,
      autoAwayMinutes: 10,
      closedToTrayNoticeShown: false,
      mainWindowPlace: null,
    })
    expect(
      readSettings({ ...before, updateChannel: 'nightly', settingsVersion: SETTINGS_VERSION }, log).values,
    ).toMatchObject({ updateChannel: 'stable', remindersEnabled: false })
  })

  it('reads a current file as it is, without rewriting it', () => {
    const log = recordingLog()
    const values = { ...defaults, platformUrl: 'https://platform.example', soundEnabled: false }
    expect(readSettings(settingsFileContent(values), log)).toEqual({ values, rewrite: false, reset: [] })
    // conf's bookkeeping is not a setting and does not call for a rewrite.
    expect(
      readSettings({ ...settingsFileContent(values), __internal__: { migrations: {} } }, log).rewrite,
    ).toBe(false)
    expect(log.lines).toEqual([])
  })

  it('turns auto-away on at 10 minutes for a file from before the setting, keeping the rest', () => {
    const log = recordingLog()
    const before = { platformUrl: null, remindersEnabled: false, soundEnabled: true, launchAtLogin: true }
    const read = readSettings({ ...before, settingsVersion: SETTINGS_VERSION }, log)
    expect(read.values).toEqual({
      ...before,
      autoAwayEnabled: true,
      autoAwayMinutes: 10,
      updateChannel: 'stable',
      closedToTrayNoticeShown: false,
      mainWindowPlace: null,
    })
    expect(read.rewrite).toBe(true)
    expect(log.lines).toEqual([])
  })

  it('drops unknown keys, saying which', () => {
    const log = recordingLog()
    const read = readSettings({ ...settingsFileContent(defaults), theme: 'dark', 'a.b': 1 }, log)
    expect(read).toEqual({ values: defaults, rewrite: true, reset: [], leftOut: true })
    expect(log.lines).toEqual(['info Dropped unknown settings: "theme", "a.b"'])
  })

  it('names a few of many unknown keys in one short line, without what they hide', () => {
    const log = recordingLog()
    const junk = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [`${'k'.repeat(1_000)}${i}\u001b[2J`, i]),
    )
    const read = readSettings({ ...settingsFileContent(defaults), ...junk }, log)
    expect(read).toEqual({ values: defaults, rewrite: true, reset: [], leftOut: true })
    expect(log.lines).toHaveLength(1)
    expect(log.lines[0]!.length).toBeLessThan(1_000)
    expect(log.lines[0]).toContain('10000 unknown settings')
    expect(log.lines[0]).not.toContain('\u001b')
  })

  it('replaces each invalid value with its default, naming the key but not the value', () => {
    const log = recordingLog()
    const read = readSettings(
      {
        settingsVersion: SETTINGS_VERSION,
        platformUrl: 'ftp://user:hunter2@files.example',
        soundEnabled: 'loud',
        remindersEnabled: false,
      },
      log,
    )
    expect(read).toEqual({
      values: { ...defaults, remindersEnabled: false },
      rewrite: true,
      reset: ['platformUrl', 'soundEnabled'],
    })
    expect(log.lines).toHaveLength(2)
    expect(log.text()).toContain('Setting "platformUrl" had an invalid value')
    expect(log.text()).toContain('Setting "soundEnabled" had an invalid value')
    expect(log.text()).toContain('using the default (true)')
    expect(log.text()).not.toContain('hunter2')
  })

  it('migrates a version-0 file (no version key)', () => {
    const log = recordingLog()
    const read = readSettings(
      { serverUrl: 'http://127.0.0.1:4455', soundEnabled: false, launchAtLogin: true },
      log,
    )
    expect(read).toEqual({
      values: { ...defaults, platformUrl: 'http://127.0.0.1:4455', soundEnabled: false, launchAtLogin: true },
      rewrite: true,
      reset: [],
    })
    expect(log.lines).toEqual([`info Moved the settings from layout 0 to ${SETTINGS_VERSION}`])
  })

  it('reads a file from a newer Standby as far as it can and leaves it alone', () => {
    const log = recordingLog()
    const read = readSettings(
      { settingsVersion: SETTINGS_VERSION + 1, soundEnabled: false, quietHours: { from: 22, to: 7 } },
      log,
    )
    expect(read).toEqual({
      values: { ...defaults, soundEnabled: false },
      rewrite: false,
      reset: [],
      leftOut: true,
      newerLayout: SETTINGS_VERSION + 1,
    })
    expect(log.text()).toContain('saved by a newer Standby')
  })

  it('reads an unreadable version number as version 0', () => {
    const log = recordingLog()
    const read = readSettings({ settingsVersion: 'one', serverUrl: 'https://platform.example' }, log)
    expect(read.values.platformUrl).toBe('https://platform.example')
    expect(log.text()).toContain('unreadable settingsVersion')
  })

  it('never throws, whatever it is given', () => {
    for (const junk of [null, 42, 'text', [1, 2], undefined]) {
      const log = recordingLog()
      expect(readSettings(junk, log)).toEqual({ values: defaults, rewrite: true, reset: 'all' })
      expect(log.lines).toHaveLength(1)
    }
  })

  it('reads a hand-edited file whose settings hold values nested far too deep as the defaults', () => {
    const deep: unknown = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000))
    const log = recordingLog()
    const onDisk = Object.fromEntries(Object.keys(settingsFileContent(defaults)).map((key) => [key, deep]))
    expect(readSettings(onDisk, log)).toEqual({
      values: defaults,
      rewrite: true,
      reset: Object.keys(defaults),
    })
    expect(log.text()).toContain('Setting "platformUrl" had an invalid value')
  })

  describe('names damaged by bytes that are not UTF-8 (read as U+FFFD)', () => {
    const damaged = '\ufffd'
    /** A file of the current layout with the update channel saved as beta, its name damaged. */
    const withDamagedChannel = { settingsVersion: SETTINGS_VERSION, [`update${damaged}hannel`]: 'beta' }

    it('still tells the damaged setting in a hostile file of countless damaged names', () => {
      // About a megabyte of names, each damaged, none of them a setting's, then the real one.
      const hostile: Record<string, unknown> = { settingsVersion: SETTINGS_VERSION }
      for (let i = 0; i < 60_000; i += 1) hostile[`${damaged}${i}${damaged}x`] = i
      for (let i = 0; i < 2_000; i += 1) hostile[`sound${damaged.repeat(i % 9)}${i}`] = i
      hostile[`sound${'e' + damaged}`.repeat(40_000)] = false
      const log = recordingLog()
      const read = readSettings({ ...hostile, ...withDamagedChannel }, log, true)
      expect(read.reset).toEqual(['updateChannel'])
      expect(read.values).toEqual(defaults)
      expect(log.text()).toContain(
        'Setting "updateChannel" could not be read (its name in the file holds bytes',
      )
      expect(log.text()).toContain('Dropped 62002 unknown settings')
    })

    it('takes no name far longer than any setting’s for a damaged one, however it reads', () => {
      // Matched part by part, such a name would cost its length for every setting missing.
      const huge = { settingsVersion: SETTINGS_VERSION, [`sound${damaged.repeat(200_000)}Enabled`]: false }
      const log = recordingLog()
      expect(readSettings(huge, log, true).reset).toEqual([])
      expect(readSettings({ ...huge, ...withDamagedChannel }, log, true).reset).toEqual(['updateChannel'])
    })
  })
})
