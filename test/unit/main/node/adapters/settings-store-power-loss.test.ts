// A power cut can leave a file's length written but not its last blocks: the settings as saved,
// then NUL bytes. Every setting went back to its default for bytes that hold nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SETTINGS_VERSION } from '../../../../../src/main/core/ports/settings'
import { createNodeSettingsStore } from '../../../../../src/main/node/adapters/settings-store'
import { corruptSettingsPath, settingsFilePath } from '../../../../../src/main/node/settings-file'
import { recordingLog } from '../../../../support/recording-log'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()

const SAVED = {
  soundEnabled: false,
  platformUrl: 'https://platform.example',
  settingsVersion: SETTINGS_VERSION,
}
const NULS = Buffer.alloc(4096)

/** A store opened at a fixed moment over a settings file holding `bytes`. */
function openedOver(bytes: Buffer) {
  const dir = tempDir()
  const path = settingsFilePath(dir)
  writeFileSync(path, bytes)
  const now = Date.UTC(2025, 0, 2, 3, 4, 5)
  const log = recordingLog()
  return { dir, path, now, log, settings: createNodeSettingsStore({ dir, log, now: () => now }) }
}

describe('a settings file that ends in NUL bytes, as a power cut can leave it', () => {
  it.each([
    ['right after the JSON', Buffer.concat([Buffer.from(JSON.stringify(SAVED, null, '\t')), NULS])],
    [
      'after a byte order mark and a newline',
      Buffer.concat([Buffer.from(`\ufeff${JSON.stringify(SAVED)}\n`), NULS]),
    ],
    ['in UTF-16', Buffer.concat([Buffer.from(`\ufeff${JSON.stringify(SAVED)}`, 'utf16le'), NULS])],
  ])('keeps every setting saved before them (%s), and is written again without them', (_, bytes) => {
    const { dir, path, log, settings } = openedOver(bytes)

    expect(settings.resetAtOpen).toEqual([])
    expect(settings.get()).toMatchObject({ soundEnabled: false, platformUrl: SAVED.platformUrl })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject(SAVED)
    expect(readdirSync(dir)).toEqual(['settings.json'])
    expect(log.text()).toMatch(/ended in NUL bytes/)
    settings.update({ launchAtLogin: true })
    expect(createNodeSettingsStore({ dir, log }).get()).toMatchObject({
      soundEnabled: false,
      launchAtLogin: true,
    })
  })

  it.each([
    ['only NUL bytes', NULS],
    ['JSON cut short before them', Buffer.concat([Buffer.from(JSON.stringify(SAVED).slice(0, 30)), NULS])],
    ['NUL bytes inside the JSON', Buffer.from(JSON.stringify(SAVED).replace('false', 'false\0\0'))],
    ['more JSON after them', Buffer.concat([Buffer.from(JSON.stringify(SAVED)), NULS, Buffer.from('{}')])],
  ])('is moved aside as it was, as before, when it holds %s', (_, bytes) => {
    const { path, now, settings } = openedOver(bytes)

    expect(settings.resetAtOpen).toBe('all')
    expect(readFileSync(corruptSettingsPath(path, now))).toEqual(bytes)
  })
})
