/**
 * The log file on a disk that stops a write part-way, made real by a file-size limit on a child
 * process (`ulimit -f`): the write that crosses it is cut short, and the file must not keep half an
 * entry for the next one, once the file can be written, to run on from.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLogger, LOG_FILE_NAME } from '../../../../src/main/node/file-log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const fileLog = join(import.meta.dirname, '../../../../src/main/node/file-log.ts')
const quiet = { info: () => {}, warn: () => {}, error: () => {} }
/** Each entry as the log writes it: a time, a level, the text. */
const ENTRY = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR) +\S/

/** Logs `count` entries into `dir` in a child whose files may hold at most `kib` KiB. */
function logPastLimit(dir: string, kib: number, count: number): void {
  const script = `
    import { createFileLogger } from ${JSON.stringify(fileLog)}
    const quiet = { info: () => {}, warn: () => {}, error: () => {} }
    const log = createFileLogger({ dir: ${JSON.stringify(dir)}, echo: quiet, maxBytes: 1 << 30 })
    for (let i = 0; i < ${count}; i++) log.info('entry ' + i + ' ' + 'x'.repeat(90))
  `
  const child = spawnSync(
    'bash',
    [
      '-c',
      `ulimit -f ${kib} && exec "$0" --import tsx --input-type=module -e "$1"`,
      process.execPath,
      script,
    ],
    { cwd: process.cwd(), encoding: 'utf8' },
  )
  expect(child.stderr).toBe('')
  expect(child.status).toBe(0)
}

describe.skipIf(process.platform === 'win32')('a log write the disk stops part-way', () => {
  it('leaves no half entry, so the next entry written starts its own line', () => {
    const dir = tempDir()
    logPastLimit(dir, 64, 2000)
    const path = join(dir, LOG_FILE_NAME)
    const cut = readFileSync(path, 'utf8')
    expect(cut.length).toBeGreaterThan(60 * 1024)
    expect(cut.endsWith('\n')).toBe(true)

    // The disk has room again (here: a process without the limit).
    createFileLogger({ dir, echo: quiet }).info('written once the disk had room')
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
    expect(lines.filter((line) => !ENTRY.test(line))).toEqual([])
    expect(lines.at(-1)).toMatch(/INFO +written once the disk had room$/)
  })
})
