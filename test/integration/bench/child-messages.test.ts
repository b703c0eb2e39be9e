import { fork } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { childEnded, nextMessage } from '../../../bench/child-messages'

const dir = mkdtempSync(join(tmpdir(), 'standby-child-messages-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A child that fails the way the RSS step's server child did: it ends without a word. */
function dyingChild(): ReturnType<typeof fork> {
  const file = join(dir, 'dies.mjs')
  writeFileSync(file, "throw new Error('the server could not start')\n")
  return fork(file, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] })
}

describe("the bench's waits on its child processes", () => {
  // The memory step waited for a 'ready' from a child that had died, and for an 'exit' that had
  // already fired: the bench never ended.
  it('end, saying so, when the child dies before it answers', async () => {
    const child = dyingChild()
    await expect(nextMessage(child, 'ready', 'starting the server')).rejects.toThrow(
      /ended \(code 1.*before starting the server/,
    )
    await childEnded(child)
    await expect(nextMessage(child, 'rss')).rejects.toThrow(/ended/)
  })
})
