// A process that logs through the console after the reader of its output went away (its terminal
// closed, the program it was piped to exited), as the Electron main process does all day.
import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { dropConsoleWriteErrors } from '../../../src/shared-node/console-gone'
import { useBuiltScript } from '../../support/built-script'

const child = useBuiltScript(new URL('./console-gone-child.ts', import.meta.url))

/**
 * Runs a process that prints one line, waits until its output's reader is gone, then logs more
 * lines through the console; resolves with its exit code and what it said on stderr.
 */
function logAfterReaderGone(dropErrors: boolean): Promise<{ code: number | null; stderr: string }> {
  const logger = spawn(process.execPath, [child(), dropErrors ? 'drop' : 'keep'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  logger.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  logger.stdout.once('data', () => {
    logger.stdout.destroy()
    logger.stdin.write('go\n')
  })
  return new Promise((resolve) => logger.once('close', (code) => resolve({ code, stderr })))
}

describe('writing to a console whose reader is gone', () => {
  it('goes on, and says once that the console is gone', async () => {
    const { code, stderr } = await logAfterReaderGone(true)
    expect(stderr).toContain('survived')
    expect(code).toBe(0)
    expect(stderr.match(/told: The console Standby wrote its stdout to is gone \(EPIPE\)/g)).toHaveLength(1)
  }, 30_000)

  it('ends the process when nothing drops the errors (what the app had before)', async () => {
    const { code, stderr } = await logAfterReaderGone(false)
    expect(stderr).toContain('EPIPE')
    expect(stderr).not.toContain('survived')
    expect(code).not.toBe(0)
  }, 30_000)

  it('listens once per stream however often it is installed, and tells the newest listener', () => {
    const stream = new EventEmitter()
    const told: string[] = []
    dropConsoleWriteErrors({ stdout: stream }, () => told.push('first'))
    dropConsoleWriteErrors({ stdout: stream }, () => told.push('second'))
    expect(stream.listenerCount('error')).toBe(1)
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    expect(told).toEqual(['second'])
  })
})
