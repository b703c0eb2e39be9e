// A named pipe where settings.json should be, which the start could not move aside: conf's own
// constructor read it with a plain read, which waits for a writer that never comes, so Standby
// never started. Run in a child process, so that without the fix the test fails rather than hangs:
// the test itself is the writer that never comes, and sees whether anything waited on it.
import { spawn } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { constants, lstatSync, mkdirSync, readFileSync } from 'node:fs'
import { open, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corruptSettingsPath, settingsFilePath } from '../../../../../src/main/node/settings-file'
import { useBuiltScript } from '../../../../support/built-script'
import { childLines, LINES_STDIO } from '../../../../support/child-lines'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const child = useBuiltScript(new URL('./settings-store-pipe-child.ts', import.meta.url))

describe.runIf(process.platform !== 'win32')('a named pipe at the settings file', () => {
  it('starts at the default settings, without waiting on it, when it cannot be moved aside, and a save replaces it', async () => {
    const dir = tempDir()
    const path = settingsFilePath(dir)
    const at = Date.UTC(2025, 0, 2, 3, 4, 5)
    execFileSync('mkfifo', [path])
    // A folder where the pipe would be moved to: the rename fails, as on a folder Standby cannot write in.
    mkdirSync(join(corruptSettingsPath(path, at), 'in the way'), { recursive: true })
    const gate = join(tempDir(), 'gate')
    execFileSync('mkfifo', [gate])

    const run = spawn(process.execPath, [child(), dir, String(at), gate], { stdio: LINES_STDIO })
    // Only from the start's check on: the check opens the pipe itself, without waiting, to refuse it.
    let writer: Promise<FileHandle> | undefined
    // Set once the test wakes its own writer, which conf did not then wake.
    let stopping = false
    let waitedOn = false
    const said: string[] = []
    /** Ends the test's own wait for a reader, by being one that does not wait for a writer. */
    const stopWriting = async (): Promise<void> => {
      if (writer === undefined) return
      stopping = true
      const reader = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
      await (await writer).close().catch(() => undefined)
      await reader.close()
      writer = undefined
    }
    childLines(run).on('line', (line) => {
      said.push(line)
      if (line === 'checked') {
        writer = open(path, 'w')
        // Opened only when something opens the pipe to read it: conf's read, waiting on this writer.
        void writer.then(async (handle) => {
          if (stopping) return
          waitedOn = true
          await handle.close()
        })
        void writeFile(gate, '')
      } else if (line === 'constructed') {
        void stopWriting().then(() => writeFile(gate, ''))
      }
    })
    const code = await new Promise((resolve, reject) => {
      run.once('error', reject)
      run.once('close', resolve)
    }).finally(stopWriting)

    expect(waitedOn, 'conf waited on the pipe for a writer').toBe(false)
    expect(code).toBe(0)
    const { soundEnabled, log } = JSON.parse(said.at(-1) ?? '{}') as { soundEnabled?: boolean; log?: string }
    expect(soundEnabled).toBe(false)
    expect(log).toContain('is not a regular file and could not be moved aside; it will be replaced')
    expect(lstatSync(path).isFile()).toBe(true)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ soundEnabled: false })
  })
})
