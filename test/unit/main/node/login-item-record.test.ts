/** Standby's note of the login item it registered: kept across starts, and read without trusting what is at its path. */
import { execFileSync } from 'node:child_process'
import { existsSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileLoginItemRecord, LOGIN_ITEM_RECORD_FILE } from '../../../../src/main/node/login-item-record'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

describe('the note of the login item Standby registered', () => {
  it('is kept across starts, and goes when Standby removes its item', () => {
    const path = join(tempDir(), LOGIN_ITEM_RECORD_FILE)
    fileLoginItemRecord(path, recordingLog()).registered(1_000)
    const next = fileLoginItemRecord(path, recordingLog())
    expect(next.registeredAt()).toBe(1_000)
    next.cleared()
    expect(existsSync(path)).toBe(false)
    expect(fileLoginItemRecord(path, recordingLog()).registeredAt()).toBeNull()
  })

  it('reads as none where its path holds a file far larger than a note, a folder or a link to one', () => {
    const dir = tempDir()
    const path = join(dir, LOGIN_ITEM_RECORD_FILE)
    writeFileSync(path, `{"registeredAt": 1000}${' '.repeat(100_000)}`)
    expect(fileLoginItemRecord(path, recordingLog()).registeredAt()).toBeNull()
    const linked = join(dir, 'linked.json')
    symlinkSync(dir, linked)
    expect(fileLoginItemRecord(linked, recordingLog()).registeredAt()).toBeNull()
  })

  it.runIf(process.platform !== 'win32')(
    'reads as none where a named pipe is at its path, instead of holding the start until something writes to it',
    () => {
      const path = join(tempDir(), LOGIN_ITEM_RECORD_FILE)
      execFileSync('mkfifo', [path])
      expect(fileLoginItemRecord(path, recordingLog()).registeredAt()).toBeNull()
    },
  )
})
