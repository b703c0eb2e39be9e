import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TypedChild } from '../../../bench/typed-child'

const dir = mkdtempSync(join(tmpdir(), 'standby-typed-child-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A child that cannot start its part of the storm: it ends without a word. */
function dyingChild(): TypedChild<{ type: 'start' }, { type: 'ready' }> {
  const file = join(dir, 'dies.mjs')
  writeFileSync(file, "throw new Error('the storm platform could not start')\n")
  return new TypedChild(file)
}

describe("the reconnect storm's child processes", () => {
  // The storm waited out its whole minute for a message from a child that had died, and a message
  // sent to it ended the bench with a bare "write EPIPE".
  it('end a wait at once, saying so, when the child dies, and take later messages quietly', async () => {
    const child = dyingChild()
    child.send({ type: 'start' })
    await expect(child.next('ready', 600_000)).rejects.toThrow(
      /dies\.mjs ended \(code 1, signal null\) before its "ready"/,
    )
    child.send({ type: 'start' })
    await expect(child.next('ready', 600_000)).rejects.toThrow(/ended \(code 1/)
    await expect(child.stop({ type: 'start' })).resolves.toBeUndefined()
  })
})
