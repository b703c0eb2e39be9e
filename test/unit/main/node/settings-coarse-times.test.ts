/**
 * A settings file another program changed where its look cannot tell: a file system whose times
 * are whole seconds and that keeps no change time of its own (reported as the modification time),
 * and a program that writes in place, the same size, and puts the file's time back (as a sync tool
 * that keeps times does). Its bytes are what tell, and they are kept before Standby writes over them.
 */
import { type BigIntStats, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import type * as NodeFs from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { SETTINGS_WRITE_GAP_MS } from '../../../../src/main/core/settings/settings-store'
import { createNodeSettingsStore } from '../../../../src/main/node/adapters/settings-store'
import { settingsFilePath } from '../../../../src/main/node/settings-file'
import { ManualClock } from '../../../../src/shared/clock'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>()
  const second = 1_000_000_000n
  /** The look of a file on such a file system. */
  const coarse = (stats: ReturnType<typeof fs.lstatSync>) => {
    if (stats === undefined || !('mtimeNs' in stats)) return stats
    const mtimeNs = (stats.mtimeNs / second) * second
    const look = Object.create(Object.getPrototypeOf(stats) as object) as BigIntStats
    return Object.assign(look, stats, { mtimeNs, ctimeNs: mtimeNs })
  }
  const lstatSync = ((path: string, options?: object) =>
    coarse(fs.lstatSync(path, options))) as typeof fs.lstatSync
  return { ...fs, default: { ...fs, lstatSync }, lstatSync }
})

const tempDir = useTempDirs()

describe('a settings file changed in place by another program, its time put back', () => {
  it('is kept beside it as found before a change writes over it', () => {
    const dir = tempDir()
    const path = settingsFilePath(dir)
    const clock = new ManualClock(Date.UTC(2025, 0, 2, 3, 4, 5))
    let at = Date.UTC(2025, 0, 2, 3, 4, 5)
    const settings = createNodeSettingsStore({ dir, log: recordingLog(), now: () => at++, clock })
    settings.update({ remindersEnabled: false })
    const written = readFileSync(path, 'utf8')
    const { atime, mtime } = statSync(path)
    const theirs = written.replace('false', 'true ')
    writeFileSync(path, theirs)
    utimesSync(path, atime, mtime)
    clock.advance(SETTINGS_WRITE_GAP_MS)
    settings.update({ autoAwayMinutes: 7 })
    const kept = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'))
    expect(kept.map((name) => readFileSync(`${dir}/${name}`, 'utf8'))).toEqual([theirs])
  })
})
