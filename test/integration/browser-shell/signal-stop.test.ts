import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { settingsFilePath } from '../../../src/main/node/settings-file'
import { useBuiltScript } from '../../support/built-script'
import { childLines, LINES_STDIO } from '../../support/child-lines'

describe('the browser shell stopped from its terminal or by its supervisor', () => {
  const script = useBuiltScript(new URL('./signal-stop-child.ts', import.meta.url))
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'on %s keeps the setting changed a moment before, closes the cache cleanly and exits with success',
    async (signal) => {
      const dir = mkdtempSync(join(tmpdir(), 'standby-signal-'))
      dirs.push(dir)
      const dataDir = join(dir, 'data')
      const child = spawn(process.execPath, [script(), dataDir], { stdio: LINES_STDIO })
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, killedBy) => resolve({ code, signal: killedBy })),
      )
      const lines = childLines(child)
      await new Promise<void>((resolve, reject) => {
        lines.on('line', (line) => line === 'changed' && resolve())
        lines.once('close', () => reject(new Error('the shell ended before it changed the setting')))
      })
      child.kill(signal)
      const ended = await exited
      const settings = JSON.parse(readFileSync(settingsFilePath(dataDir), 'utf8')) as Record<string, unknown>
      expect(settings['autoAwayMinutes']).toBe(42)
      // A cache closed cleanly leaves no write-ahead log for the next start to check.
      expect(existsSync(join(dataDir, 'cache.db-wal'))).toBe(false)
      expect(ended).toEqual({ code: 0, signal: null })
    },
  )
})
