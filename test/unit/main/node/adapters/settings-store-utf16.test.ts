import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import { createNodeSettingsStore } from '../../../../../src/main/node/adapters/settings-store'
import { corruptSettingsPath, settingsFilePath } from '../../../../../src/main/node/settings-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()

/** Settings a hand edit saved: the sound off and an address, with the layout's version. */
const EDITED = {
  soundEnabled: false,
  platformUrl: 'https://platform.example/équipe',
  settingsVersion: SETTINGS_VERSION,
}

/** `text` as UTF-16 with its byte order mark, big-endian when asked. */
function utf16(text: string, bigEndian = false): Buffer {
  const little = Buffer.from(`\ufeff${text}`, 'utf16le')
  return bigEndian ? Buffer.from(little).swap16() : little
}

describe('a settings file saved as UTF-16 (Notepad’s "Unicode", Windows PowerShell’s > and Out-File)', () => {
  it.each([
    ['little-endian', false],
    ['big-endian', true],
  ])(
    'is read as saved (%s) and written again as UTF-8, instead of every setting going back',
    (_, bigEndian) => {
      const dir = tempDir()
      const path = settingsFilePath(dir)
      writeFileSync(path, utf16(JSON.stringify(EDITED), bigEndian))
      const log = recordingLog()
      const settings = createNodeSettingsStore({ dir, log })

      expect(settings.resetAtOpen).toEqual([])
      expect(settings.get()).toMatchObject({ soundEnabled: false, platformUrl: EDITED.platformUrl })
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject(EDITED)
      expect(readdirSync(dir)).toEqual(['settings.json'])
      settings.update({ launchAtLogin: true })
      expect(createNodeSettingsStore({ dir, log }).get()).toMatchObject({
        soundEnabled: false,
        launchAtLogin: true,
      })
    },
  )

  it('is moved aside as it was, as before, when its text is no JSON object', () => {
    const dir = tempDir()
    const path = settingsFilePath(dir)
    const bytes = utf16('{"soundEnabled": false,')
    writeFileSync(path, bytes)
    const now = Date.UTC(2025, 0, 2, 3, 4, 5)
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir, log, now: () => now })

    expect(settings.resetAtOpen).toBe('all')
    expect(readFileSync(corruptSettingsPath(path, now))).toEqual(bytes)
    expect(log.text()).toContain('was not valid JSON')
  })

  it('is read as conf reads it, and kept beside it, when it is no whole UTF-16 (an odd byte at its end)', () => {
    const dir = tempDir()
    const path = settingsFilePath(dir)
    const bytes = Buffer.concat([utf16(JSON.stringify(EDITED)), Buffer.from([0x20])])
    writeFileSync(path, bytes)
    const now = Date.UTC(2025, 0, 2, 3, 4, 5)
    const settings = createNodeSettingsStore({ dir, log: recordingLog(), now: () => now })

    expect(settings.resetAtOpen).toBe('all')
    expect(readFileSync(corruptSettingsPath(path, now))).toEqual(bytes)
  })
})
