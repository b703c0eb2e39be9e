/**
 * The settings file changed by another program while Standby runs: Standby writes its settings
 * whole from memory, so its next change wrote over the other program's bytes without a word (a
 * hand edit, a restored file, garbage, a huge file). The file as found is now kept beside it first.
 */
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  SETTINGS_WRITE_GAP_MS,
  SettingsNotSavedError,
} from '../../../../src/main/core/settings/settings-store'
import { createNodeSettingsStore } from '../../../../src/main/node/adapters/settings-store'
import { settingsFilePath } from '../../../../src/main/node/settings-file'
import { ManualClock } from '../../../../src/shared/clock'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

/** A running store whose first change is written; each later one is written after the gap. */
function aRunningStore() {
  const dir = tempDir()
  const path = settingsFilePath(dir)
  const log = recordingLog()
  const clock = new ManualClock(Date.UTC(2025, 0, 2, 3, 4, 5))
  let at = Date.UTC(2025, 0, 2, 3, 4, 5)
  const settings = createNodeSettingsStore({ dir, log, now: () => at++, clock })
  settings.update({ remindersEnabled: false })
  const change = (minutes: number) => {
    clock.advance(SETTINGS_WRITE_GAP_MS)
    return settings.update({ autoAwayMinutes: minutes })
  }
  const keptCopies = () => readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'))
  return { dir, path, log, settings, change, keptCopies }
}

describe('a settings file changed by another program while Standby runs', () => {
  it.each([
    ['a hand edit', '{"remindersEnabled": true, "soundEnabled": false}'],
    ['text that is no JSON', '{"remindersEnabled": fal'],
    ['nesting deeper than any setting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('is kept beside it as found (%s) before a change writes over it', (_, text) => {
    const { dir, path, log, change, keptCopies } = aRunningStore()
    writeFileSync(path, text)
    change(7)
    expect(keptCopies()).toHaveLength(1)
    expect(readFileSync(join(dir, keptCopies()[0] ?? ''), 'utf8')).toBe(text)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      remindersEnabled: false,
      autoAwayMinutes: 7,
    })
    expect(log.lines.join('\n')).toMatch(
      /was changed by another program since Standby read or wrote it; kept/,
    )
    // Its own writes since are not taken for another program's.
    change(8)
    expect(keptCopies()).toHaveLength(1)
  })

  it('replaced by a link to a device: nothing is copied from it, and the change replaces the link', () => {
    const { path, change, keptCopies } = aRunningStore()
    rmSync(path)
    symlinkSync('/dev/zero', path)
    change(7)
    expect(keptCopies()).toEqual([])
    expect(lstatSync(path).isFile()).toBe(true)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ autoAwayMinutes: 7 })
  })

  // A backup tool, a sync tool or a chmod touches the file's times, mode or inode without a byte changed.
  it.each([
    ['its mode changed', (path: string) => chmodSync(path, 0o644)],
    ['its times changed', (path: string) => utimesSync(path, new Date(0), new Date(0))],
    [
      'put back as the same bytes',
      (path: string) => {
        copyFileSync(path, `${path}.restored`)
        renameSync(`${path}.restored`, path)
      },
    ],
  ])('is not copied when %s and no byte of it', (_, touch) => {
    const { path, change, keptCopies, log } = aRunningStore()
    touch(path)
    change(7)
    expect(keptCopies()).toEqual([])
    expect(log.lines.join('\n')).not.toMatch(/changed by another program/)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ autoAwayMinutes: 7 })
  })

  it('is not copied when only Standby wrote it', () => {
    const { change, keptCopies } = aRunningStore()
    change(7)
    change(8)
    expect(keptCopies()).toEqual([])
  })

  it('replaced by a folder: the change is refused, naming the folder to move, and the folder left as it is', () => {
    const { path, settings, change, keptCopies } = aRunningStore()
    rmSync(path)
    mkdirSync(path)
    writeFileSync(join(path, 'inside'), 'kept')
    // Told as what it is, not as a disk or a folder that cannot be written.
    expect(() => change(7)).toThrow(SettingsNotSavedError)
    expect(() => change(7)).toThrow(
      `Move or rename the folder ${path}, which stands where Standby keeps a file`,
    )
    expect(settings.get().autoAwayMinutes).not.toBe(7)
    expect(statSync(path).isDirectory()).toBe(true)
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('kept')
    expect(keptCopies()).toEqual([])
  })
})
