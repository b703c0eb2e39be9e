// kill -9 while the salvage holds its private copy of a damaged cache (read without the WAL beside
// it): that copy holds the expert's clients, messages and private notes, and must not outlive the
// kill where nothing would ever remove it; the next start removes it.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openCache } from '../../../../src/main/db/open-cache'
import { useTempDirs } from '../../../unit/main/db/cache-test-kit'
import { useBuiltScript } from '../../../support/built-script'
import { childLines, LINES_STDIO } from '../../../support/child-lines'

const tempDir = useTempDirs()
const copier = useBuiltScript(new URL('./salvage-copy-child.ts', import.meta.url))

/** Run the child with `temp` as its temporary folder, and SIGKILL it once it says it made the copy. */
function copyAndKill(file: string, cache: string, temp: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [copier(), file, cache], {
      stdio: LINES_STDIO,
      env: { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp },
    })
    childLines(child).on('line', (line) => {
      if (line === 'copied') process.kill(child.pid as number, 'SIGKILL')
      else reject(new Error(`the child could not make the copy (${line})`))
    })
    child.once('error', reject)
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve()
      else reject(new Error(`the child exited before it was killed (signal ${signal})`))
    })
  })
}

it('leaves no copy of the cache behind once the next start has run', async () => {
  const dir = tempDir()
  const temp = tempDir()
  const path = join(dir, 'cache.db')
  openCache({ path }).close()
  await copyAndKill(path, path, temp)
  openCache({ path }).close()
  expect(readdirSync(dir)).toEqual(['cache.db'])
  expect(readdirSync(temp)).toEqual([])
})
