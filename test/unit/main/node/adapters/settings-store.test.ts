import Conf from 'conf'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import {
  corruptSettingsPath,
  MAX_SETTINGS_FILE_BYTES,
  settingsFilePath,
} from '../../../../../src/main/node/settings-file'
import { createNodeSettingsStore } from '../../../../../src/main/node/adapters/settings-store'
import { SETTINGS_WRITE_GAP_MS } from '../../../../../src/main/core/settings/settings-store'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'
import { FIRST_RUN_SETTINGS } from '../../../../support/fixtures'

const tempDir = useTempDirs()
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

/** A store opened, at a fixed moment, over a settings file holding `text`. */
function openedOver(text: string | Buffer) {
  const dir = tempDir()
  writeFileSync(settingsFilePath(dir), text)
  const log = recordingLog()
  const now = Date.UTC(2025, 0, 2, 3, 4, 5)
  const clock = new ManualClock(now)
  return { dir, log, now, clock, settings: createNodeSettingsStore({ dir, log, now: () => now, clock }) }
}

describe('the Node settings store (conf)', () => {
  it('starts from the defaults and writes them, with the layout version, to settings.json', () => {
    const dir = tempDir()
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.get()).toEqual(FIRST_RUN_SETTINGS)
    expect(readJson(join(dir, 'settings.json'))).toEqual({
      ...settings.get(),
      settingsVersion: SETTINGS_VERSION,
    })
    expect(log.lines).toEqual([])
  })

  it('keeps a change across restarts, in a file conf itself reads back the same', () => {
    const dir = tempDir()
    createNodeSettingsStore({ dir, log: recordingLog() }).update({
      platformUrl: 'https://platform.example',
      launchAtLogin: true,
    })

    expect(createNodeSettingsStore({ dir, log: recordingLog() }).get()).toMatchObject({
      platformUrl: 'https://platform.example',
      launchAtLogin: true,
    })
    // Any conf-based reader of the same file (electron-store is one) sees the same keys.
    const plain = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' })
    expect(plain.store).toEqual({
      platformUrl: 'https://platform.example',
      remindersEnabled: true,
      soundEnabled: true,
      launchAtLogin: true,
      autoAwayEnabled: true,
      autoAwayMinutes: 10,
      updateChannel: 'stable',
      closedToTrayNoticeShown: false,
      mainWindowPlace: null,
      settingsVersion: SETTINGS_VERSION,
    })
  })

  it('refuses a bad change and leaves the file as it was', () => {
    const dir = tempDir()
    const settings = createNodeSettingsStore({ dir, log: recordingLog() })
    const before = readFileSync(settingsFilePath(dir), 'utf8')
    expect(() => settings.update({ platformUrl: 'not a url' })).toThrow('Setting "platformUrl" was not saved')
    expect(readFileSync(settingsFilePath(dir), 'utf8')).toBe(before)
  })

  it('moves a file that is not valid JSON aside, keeps it, and starts from the defaults', () => {
    const broken = '{"soundEnabled": false, "platformUrl": "https://plat'
    const { dir, log, now, settings } = openedOver(broken)

    expect(settings.get().soundEnabled).toBe(true)
    const aside = corruptSettingsPath(settingsFilePath(dir), now)
    expect(readdirSync(dir).sort()).toEqual([
      'settings.json',
      'settings.json.corrupt-2025-01-02T03-04-05.000Z',
    ])
    expect(readFileSync(aside, 'utf8')).toBe(broken)
    expect(readJson(settingsFilePath(dir))).toMatchObject({
      soundEnabled: true,
      settingsVersion: SETTINGS_VERSION,
    })
    expect(log.lines).toHaveLength(1)
    expect(log.text()).toContain(
      'was not valid JSON; kept it as settings.json.corrupt-2025-01-02T03-04-05.000Z',
    )
  })

  it('keeps the file as it was beside it when a value in it cannot be used and goes back to its default', () => {
    const edited = '{"settingsVersion": 1, "soundEnabled": "loud", "platformUrl": "http://10.0.0.7:4455"}'
    const { dir, log, now, settings } = openedOver(edited)

    expect(settings.resetAtOpen).toEqual(['platformUrl', 'soundEnabled'])
    expect(settings.get()).toMatchObject({ soundEnabled: true, platformUrl: null })
    expect(readFileSync(corruptSettingsPath(settingsFilePath(dir), now), 'utf8')).toBe(edited)
    expect(readJson(settingsFilePath(dir))).toMatchObject({ soundEnabled: true, platformUrl: null })
    expect(log.text()).toContain('kept the file as it was as settings.json.corrupt-2025-01-02T03-04-05.000Z')
    // The file now holds only what can be used: the next start keeps no other copy.
    createNodeSettingsStore({ dir, log, now: () => now + 1 })
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('keeps the file as it was beside it when it holds a setting Standby does not know (a misspelt hand edit), which the rewrite leaves out', () => {
    const edited = '{"settingsVersion": 1, "soundEnabeld": false}'
    const { dir, log, now } = openedOver(edited)

    expect(readFileSync(corruptSettingsPath(settingsFilePath(dir), now), 'utf8')).toBe(edited)
    expect(readJson(settingsFilePath(dir))).not.toHaveProperty('soundEnabeld')
    expect(log.text()).toContain('kept the file as it was as settings.json.corrupt-2025-01-02T03-04-05.000Z')
    // Left out once: the next start keeps no other copy.
    createNodeSettingsStore({ dir, log, now: () => now + 1 })
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('keeps a newer Standby’s file beside it before the first change here rewrites it without that version’s own settings', () => {
    // A file from the beta, read by the stable release after leaving the beta.
    const newer = `{"settingsVersion": ${SETTINGS_VERSION + 1}, "soundEnabled": false, "quietHours": {"from": 22}}`
    const { dir, log, now, settings } = openedOver(newer)
    // Read as far as this version can, and left alone until something changes.
    expect(readdirSync(dir)).toEqual(['settings.json'])

    settings.update({ remindersEnabled: false })
    expect(readFileSync(corruptSettingsPath(settingsFilePath(dir), now), 'utf8')).toBe(newer)
    expect(readJson(settingsFilePath(dir))).toMatchObject({ soundEnabled: false, remindersEnabled: false })
    expect(log.text()).toContain('was saved by a newer Standby')
    expect(log.text()).toContain('kept the file as it was as settings.json.corrupt-2025-01-02T03-04-05.000Z')
    // Kept once: the file is in this version's layout from then on.
    settings.update({ remindersEnabled: true })
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('refuses a change, saying so, rather than rewrite a newer Standby’s file it could not keep a copy of', () => {
    const newer = `{"settingsVersion": ${SETTINGS_VERSION + 1}, "soundEnabled": false, "quietHours": {"from": 22}}`
    const { dir, log, now, clock, settings } = openedOver(newer)
    // Something already has the copy's name, so the copy fails where the write itself would not.
    const copy = corruptSettingsPath(settingsFilePath(dir), now)
    mkdirSync(copy)

    expect(() => settings.update({ remindersEnabled: false })).toThrow(/could not save your settings/)
    expect(readFileSync(settingsFilePath(dir), 'utf8')).toBe(newer)
    expect(settings.get().remindersEnabled).toBe(true)
    expect(log.text()).toContain('a copy of it could not be kept (EEXIST)')

    // Once a copy can be kept, the change is made (tried again once the gap after a write is over).
    rmdirSync(copy)
    clock.advance(SETTINGS_WRITE_GAP_MS)
    settings.update({ remindersEnabled: false })
    expect(readFileSync(copy, 'utf8')).toBe(newer)
    expect(readJson(settingsFilePath(dir))).toMatchObject({ remindersEnabled: false })
  })

  it('leaves a file with a value it cannot use as it is at open when no copy of it can be kept', () => {
    const edited = '{"settingsVersion": 1, "soundEnabeld": false}'
    const dir = tempDir()
    const now = Date.UTC(2025, 0, 2, 3, 4, 5)
    writeFileSync(settingsFilePath(dir), edited)
    mkdirSync(corruptSettingsPath(settingsFilePath(dir), now))
    const log = recordingLog()
    createNodeSettingsStore({ dir, log, now: () => now })
    expect(readFileSync(settingsFilePath(dir), 'utf8')).toBe(edited)
    expect(log.text()).toContain('it is not rewritten until one is')
  })

  it('keeps only the newest few files set aside when the settings are unreadable at every start', () => {
    const dir = tempDir()
    const stranger = 'settings.json.corrupt-by-hand'
    writeFileSync(join(dir, stranger), 'mine')
    const log = recordingLog()
    for (const day of [1, 2, 3, 4, 5]) {
      writeFileSync(settingsFilePath(dir), '{"soundEnabled": fals')
      createNodeSettingsStore({ dir, log, now: () => Date.UTC(2025, 0, day) })
    }
    expect(readdirSync(dir).sort()).toEqual([
      'settings.json',
      'settings.json.corrupt-2025-01-03T00-00-00.000Z',
      'settings.json.corrupt-2025-01-04T00-00-00.000Z',
      'settings.json.corrupt-2025-01-05T00-00-00.000Z',
      stranger,
    ])
    expect(log.lines.filter((line) => line.includes('removed 1 older copy'))).toHaveLength(2)
  })

  it('resets, and keeps the file as it was beside it, a setting whose bytes are not UTF-8, keeping the others', () => {
    // One byte of the address damaged: read as U+FFFD it is still an address, but not the one saved.
    const damaged = Buffer.concat([
      Buffer.from('{"settingsVersion":1,"platformUrl":"https://platform.example/t'),
      Buffer.from([0xff]),
      Buffer.from('am","soundEnabled":false}'),
    ])
    const { dir, log, now, settings } = openedOver(damaged)

    expect(settings.resetAtOpen).toEqual(['platformUrl'])
    expect(settings.get()).toMatchObject({ platformUrl: null, soundEnabled: false })
    expect(readFileSync(corruptSettingsPath(settingsFilePath(dir), now))).toEqual(damaged)
    expect(log.text()).toContain('Setting "platformUrl" had an invalid value (it holds a broken character')
    expect(readJson(settingsFilePath(dir))).toMatchObject({ platformUrl: null, soundEnabled: false })
  })

  it('tells a setting whose name holds bytes that are not UTF-8 as gone back to its default, not silently', () => {
    // Saved as beta with the sound off; a damaged byte in each name made them names Standby does not know.
    const damaged = Buffer.concat([
      Buffer.from('{"settingsVersion":1,"update'),
      Buffer.from([0xff]),
      Buffer.from('hannel":"beta","sound'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('Enabled":false,"remindersEnabled":false,"'),
      // A name damaged past telling which setting it was names none.
      Buffer.from([0xff, 0xfe]),
      Buffer.from('":true}'),
    ])
    const { dir, log, now, settings } = openedOver(damaged)

    expect(settings.resetAtOpen).toEqual(['soundEnabled', 'updateChannel'])
    expect(settings.get()).toMatchObject({
      remindersEnabled: false,
      soundEnabled: true,
      updateChannel: 'stable',
    })
    expect(log.text()).toContain(
      'Setting "updateChannel" could not be read (its name in the file holds bytes',
    )
    expect(readFileSync(corruptSettingsPath(settingsFilePath(dir), now))).toEqual(damaged)
  })

  it('keeps a file whose bytes are not UTF-8 beside it before a change rewrites it, whatever held them', () => {
    // Only conf's bookkeeping damaged: no setting goes back, but a rewrite would lose the bytes.
    const damaged = Buffer.concat([
      Buffer.from('\ufeff{"settingsVersion":1,"__internal__":{"note":"a'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"},"soundEnabled":false}'),
    ])
    const { dir, log, now, settings } = openedOver(damaged)
    settings.update({ launchAtLogin: true })

    expect(settings.resetAtOpen).toEqual([])
    expect(settings.get()).toMatchObject({ soundEnabled: false, launchAtLogin: true })
    expect(readFileSync(corruptSettingsPath(settingsFilePath(dir), now))).toEqual(damaged)
    expect(log.text()).toContain('held bytes that are not UTF-8 text; kept the file as it was')
    expect(readdirSync(dir)).toHaveLength(2)
  })

  it('reads a hand-edited file saved with a byte order mark, instead of resetting every setting', () => {
    // Notepad and PowerShell write UTF-8 with a byte order mark, which JSON.parse refuses.
    const dir = tempDir()
    const edited = {
      soundEnabled: false,
      platformUrl: 'https://platform.example',
      settingsVersion: SETTINGS_VERSION,
    }
    writeFileSync(settingsFilePath(dir), `\ufeff${JSON.stringify(edited)}`)
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.get()).toMatchObject({ soundEnabled: false, platformUrl: 'https://platform.example' })
    expect(readdirSync(dir)).toEqual(['settings.json'])
    expect(readJson(settingsFilePath(dir))).toMatchObject(edited)
    settings.update({ launchAtLogin: true })
    expect(createNodeSettingsStore({ dir, log }).get()).toMatchObject({
      soundEnabled: false,
      launchAtLogin: true,
    })
  })

  it.runIf(process.platform !== 'win32')(
    'drops a byte order mark without writing into a named pipe left beside the file, which held the start',
    () => {
      const dir = tempDir()
      const path = settingsFilePath(dir)
      writeFileSync(
        path,
        `\ufeff${JSON.stringify({ soundEnabled: false, settingsVersion: SETTINGS_VERSION })}`,
      )
      execFileSync('mkfifo', [`${path}.unmarked`])
      const settings = createNodeSettingsStore({ dir, log: recordingLog() })
      expect(settings.get()).toMatchObject({ soundEnabled: false })
      expect(readFileSync(path, 'utf8').startsWith('\ufeff')).toBe(false)
      expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.unmarked'])
    },
  )

  it('moves aside a file that holds JSON but not an object', () => {
    const dir = tempDir()
    writeFileSync(settingsFilePath(dir), '[true, false]')
    const log = recordingLog()
    createNodeSettingsStore({ dir, log })
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1)
    expect(log.text()).toContain('did not hold a JSON object')
  })

  it('moves aside a file larger than any settings file, without reading it whole', () => {
    // Valid JSON, and an object: only its size gives it away.
    const dir = tempDir()
    const padded = JSON.stringify({ soundEnabled: false, pad: 'x'.repeat(MAX_SETTINGS_FILE_BYTES) })
    writeFileSync(settingsFilePath(dir), padded)
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.get().soundEnabled).toBe(true)
    const aside = readdirSync(dir).filter((name) => name.includes('.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe(padded)
    expect(log.text()).toContain(`is ${padded.length} bytes, larger than any settings file Standby writes`)
  })

  it('moves aside a folder where settings.json should be, and starts from the defaults', () => {
    const dir = tempDir()
    mkdirSync(settingsFilePath(dir))
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.update({ soundEnabled: false }).soundEnabled).toBe(false)
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1)
    expect(log.text()).toContain('is not a regular file')
  })

  it.runIf(process.platform !== 'win32' && existsSync('/dev/zero'))(
    'moves aside a link to an endless device instead of reading it',
    () => {
      const dir = tempDir()
      symlinkSync('/dev/zero', settingsFilePath(dir))
      const log = recordingLog()
      expect(createNodeSettingsStore({ dir, log }).get().soundEnabled).toBe(true)
      expect(log.text()).toContain('is not a regular file')
    },
  )

  it('migrates a legacy (version 0) file and rewrites it in the current layout', () => {
    const dir = tempDir()
    writeFileSync(settingsFilePath(dir), JSON.stringify({ serverUrl: '', soundEnabled: false, oldKey: 1 }))
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.get()).toEqual({
      platformUrl: null,
      remindersEnabled: true,
      soundEnabled: false,
      launchAtLogin: false,
      autoAwayEnabled: true,
      autoAwayMinutes: 10,
      updateChannel: 'stable',
      closedToTrayNoticeShown: false,
      mainWindowPlace: null,
    })
    expect(readJson(settingsFilePath(dir))).toEqual({ ...settings.get(), settingsVersion: SETTINGS_VERSION })
    expect(log.text()).toContain('Moved the settings from layout 0')
    expect(log.text()).toContain('Dropped unknown settings: "oldKey"')
  })

  it('leaves conf’s own bookkeeping in the file alone', () => {
    const dir = tempDir()
    const internal = { migrations: { version: '1.0.0' } }
    writeFileSync(
      settingsFilePath(dir),
      JSON.stringify({ settingsVersion: 1, soundEnabled: true, __internal__: internal }),
    )
    createNodeSettingsStore({ dir, log: recordingLog() }).update({ soundEnabled: false })
    expect(readJson(settingsFilePath(dir))).toMatchObject({ soundEnabled: false, __internal__: internal })
  })

  it('saves changes when conf’s bookkeeping was edited too deep to write back, dropping it', () => {
    const dir = tempDir()
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    writeFileSync(
      settingsFilePath(dir),
      `{"settingsVersion": 1, "soundEnabled": true, "__internal__": ${deep}}`,
    )
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.update({ soundEnabled: false }).soundEnabled).toBe(false)
    expect(readJson(settingsFilePath(dir))).toEqual({ ...settings.get(), settingsVersion: SETTINGS_VERSION })
    expect(log.text()).toContain('bookkeeping (__internal__) that could not be written back')
    expect(createNodeSettingsStore({ dir, log: recordingLog() }).get().soundEnabled).toBe(false)
  })

  it('keeps working in memory when the directory cannot hold the file', () => {
    const parent = tempDir()
    const dir = join(parent, 'not-a-dir')
    writeFileSync(dir, 'a file where the directory should be')
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log })
    expect(settings.update({ soundEnabled: false }).soundEnabled).toBe(false)
    expect(log.text()).toContain('changes will last for this run only')
  })
})
