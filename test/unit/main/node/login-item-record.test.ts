/** Standby's note of the login item it registered: kept across starts, and read without trusting what is at its path. */
import { execFileSync } from 'node:child_process'
import { existsSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  fileLoginItemRecord,
  LOGIN_ITEM_RECORD_FILE,
  registeredAt,
} from '../../../../src/main/node/login-item-record'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

describe('the note of the login item Standby registered', () => {
  it('is kept across starts, and goes when Standby removes its item', () => {
    const path = join(tempDir(), LOGIN_ITEM_RECORD_FILE)
    fileLoginItemRecord(path, recordingLog(), '/profile').registered(1_000, '/opt/Standby/standby')
    const next = fileLoginItemRecord(path, recordingLog(), '/profile')
    expect(next.read()).toEqual({
      kind: 'registered',
      at: 1_000,
      by: '/profile',
      appPath: '/opt/Standby/standby',
    })
    next.cleared()
    expect(existsSync(path)).toBe(false)
    expect(registeredAt(fileLoginItemRecord(path, recordingLog(), '/profile'))).toBeNull()
  })

  it('says which profile turned the shared item off, and reads an earlier version’s note as the default profile’s, whose folder held it', () => {
    const folder = tempDir()
    const path = join(folder, LOGIN_ITEM_RECORD_FILE)
    fileLoginItemRecord(path, recordingLog(), '/profile-a').turnedOff()
    expect(fileLoginItemRecord(path, recordingLog(), '/profile-b').read()).toEqual({
      kind: 'turned-off',
      by: '/profile-a',
    })
    writeFileSync(path, '{"registeredAt":1000}')
    expect(fileLoginItemRecord(path, recordingLog(), '/profile-b').read()).toEqual({
      kind: 'registered',
      at: 1_000,
      by: folder,
      appPath: null,
    })
  })

  it('reads as none where its path holds a file far larger than a note, a folder or a link to one', () => {
    const dir = tempDir()
    const path = join(dir, LOGIN_ITEM_RECORD_FILE)
    writeFileSync(path, `{"registeredAt": 1000}${' '.repeat(100_000)}`)
    expect(registeredAt(fileLoginItemRecord(path, recordingLog(), '/profile'))).toBeNull()
    const linked = join(dir, 'linked.json')
    symlinkSync(dir, linked)
    expect(registeredAt(fileLoginItemRecord(linked, recordingLog(), '/profile'))).toBeNull()
  })

  it.runIf(process.platform !== 'win32')(
    'reads as none where a named pipe is at its path, instead of holding the start until something writes to it',
    () => {
      const path = join(tempDir(), LOGIN_ITEM_RECORD_FILE)
      execFileSync('mkfifo', [path])
      expect(registeredAt(fileLoginItemRecord(path, recordingLog(), '/profile'))).toBeNull()
    },
  )
})
