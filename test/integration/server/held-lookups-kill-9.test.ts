import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../../../src/shared/clock'
import type { PlatformEvent } from '../../../src/shared/protocol'
import { useBuiltScript } from '../../support/built-script'
import { childLines, LINES_STDIO } from '../../support/child-lines'
import { useCleanup } from '../../support/cleanup'
import { ofType } from '../../support/expert-connection'
import { startTestPlatform, TEST_START } from '../../support/test-platform'

interface Killed {
  readonly experts: ReadonlyArray<{ id: string; token: string }>
  readonly lookupRows: number
}

describe('a platform killed while it holds fan-outs’ stream lookups', () => {
  const defer = useCleanup()
  const child = useBuiltScript(new URL('./held-lookups-child.ts', import.meta.url))

  /** Run the child on `dbPath`, and SIGKILL it once it says what it sent. */
  function fanOutAndKill(dbPath: string): Promise<Killed> {
    return new Promise((resolve, reject) => {
      const platform = spawn(process.execPath, [child(), dbPath, String(TEST_START)], { stdio: LINES_STDIO })
      defer(() => void platform.kill('SIGKILL'))
      let said: Killed | undefined
      childLines(platform).on('line', (line) => {
        said = JSON.parse(line) as Killed
        process.kill(platform.pid as number, 'SIGKILL')
      })
      platform.once('error', reject)
      platform.once('exit', (_code, signal) => {
        if (signal === 'SIGKILL' && said !== undefined) resolve(said)
        else reject(new Error(`the platform exited before it was killed (signal ${signal})`))
      })
    })
  }

  it('starts again with every invite in each expert’s stream once, gapless, and hands out no id twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standby-held-lookups-'))
    defer(() => rmSync(dir, { recursive: true, force: true }))
    const dbPath = join(dir, 'platform.db')
    const killed = await fanOutAndKill(dbPath)
    // The kill came with the last fan-out's lookups held: the next start must rebuild those alone.
    expect(killed.lookupRows).toBe(10)

    const platform = await startTestPlatform({ dbPath, clock: new ManualClock(TEST_START + 60_000) })
    defer(() => platform.close())
    expect(platform.logger.lines.some((line) => line.includes('invite lookups written at start'))).toBe(true)
    const titles = (events: ReadonlyArray<PlatformEvent>) =>
      events.filter(ofType('invite.created')).map((e) => e.payload.invite.request.title)
    for (const { id, token } of killed.experts) {
      const connection = await platform.connect(token)
      expect(connection.welcome.latestEventId).toBe(3)
      const all = await connection.replay(0)
      if (all.kind !== 'events') throw new Error(`expected events for ${id}, got ${all.kind}`)
      expect(all.events.map((e) => e.id)).toEqual([1, 2, 3])
      expect(titles(all.events)).toEqual(['First', 'Second', 'Third'])
      // A core that had the first invite live catches up from it with its digest: the rest once.
      const rest = await connection.replay(1, undefined, { digest: all.events[0]?.digest })
      if (rest.kind !== 'events') throw new Error(`expected events after 1 for ${id}, got ${rest.kind}`)
      expect(titles(rest.events)).toEqual(['Second', 'Third'])
      // A cursor from another history (past the newest id) is answered with a snapshot. Its parts
      // list invites by id, and ids issued in one millisecond of the computer's time tie on their
      // time and fall in their random tails' order: each invite once is what counts.
      const [snapshot] = await connection.snapshotParts(99)
      expect(snapshot?.openInvites.map((i) => i.request.title).sort()).toEqual(['First', 'Second', 'Third'])
    }

    // The next fan-out continues every stream at the next id, live and on replay.
    const [first] = killed.experts as [{ id: string; token: string }]
    const connection = await platform.connect(first.token)
    platform.inviteDirectly(first.id, 'After the kill')
    const live = await connection.waitForEvent(ofType('invite.created'))
    expect(live.id).toBe(4)
    const after = await connection.replay(3)
    expect(after.kind === 'events' && after.events.map((e) => [e.id, e.type])).toEqual([
      [4, 'invite.created'],
    ])
  })
})
