/**
 * A cache damaged after a clean exit (a disk error, another program writing into it): the next
 * start skips the full check, as the file was closed cleanly, so the damage is found only when a
 * read reaches it. The run that finds it checks the file, moves it aside and rebuilds it at once,
 * with the marks of what was already shown, where it told the expert to restart and failed every
 * read and every batch of the sync until they did; the start after that says nothing.
 */
import Database from 'better-sqlite3'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import type { Runtime } from '../../../../../src/main/node/runtime/start-runtime'
import { systemClock } from '../../../../../src/shared/clock'
import { anInvite, aRequest, aSnapshot, FIXTURE_NOW } from '../../../../support/fixtures'
import { manySessions } from '../../../../support/fixture-streams'
import { useCleanup } from '../../../../support/cleanup'
import { damageSessionsPage } from '../../../../support/damaged-cache-file'
import { useTempDirs } from '../../../../support/temp-dir'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const tempDir = useTempDirs()
const defer = useCleanup()

/** Start the app on `dir`, run `use` on it, quit it cleanly; the notices of that run. */
async function aRun(dir: string, use: (runtime: Runtime) => void = () => {}): Promise<unknown[]> {
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log: quiet })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock: systemClock, log: quiet })
  try {
    use(runtime)
  } finally {
    runtime.close()
  }
  return adapters.notifier.shown.filter((shown) => shown.kind === 'notice')
}

it('rebuilds it in the run that finds the damage, keeping what was already shown, and the next start says nothing', async () => {
  const dir = tempDir()
  const invite = anInvite({ id: 'inv_shown', request: aRequest({ id: 'req_shown' }) })
  await aRun(dir, (runtime) => {
    runtime.cache.applySnapshot(
      aSnapshot({ sessions: manySessions(400), openInvites: [invite], cursor: 400 }),
    )
    expect(runtime.cache.unnotifiedOpenInvites(FIXTURE_NOW).map((open) => open.id)).toEqual([invite.id])
    runtime.cache.markNotified([invite.id], FIXTURE_NOW)
  })
  damageSessionsPage(join(dir, 'cache.db'))

  const damagedRun = await aRun(dir, (runtime) => {
    expect(() => runtime.cache.sessionHistory(500)).toThrow(/malformed/)
    // The same run reads the rebuilt file, and what the platform sends again is not shown twice.
    expect(runtime.cache.sessionHistory(500)).toEqual([])
    runtime.cache.applySnapshot(aSnapshot({ openInvites: [invite], cursor: 401 }))
    expect(runtime.cache.openInvites(FIXTURE_NOW).map((open) => open.id)).toEqual([invite.id])
    expect(runtime.cache.unnotifiedOpenInvites(FIXTURE_NOW)).toEqual([])
  })
  expect(damagedRun).toEqual([
    expect.objectContaining({
      title: 'Offline cache rebuilt',
      body: expect.stringMatching(
        /damaged and is being rebuilt from the platform.*The damaged copy is kept at/,
      ),
    }),
  ])
  expect(readdirSync(dir).filter((name) => name.startsWith('cache.db.corrupt-'))).not.toEqual([])
  expect(await aRun(dir)).toEqual([])
})

it('rebuilds it also when the damage is of a kind the quick check at start does not see', async () => {
  const dir = tempDir()
  const path = join(dir, 'cache.db')
  await aRun(dir, (runtime) =>
    runtime.cache.applySnapshot(aSnapshot({ sessions: manySessions(50), cursor: 50 })),
  )
  // An index whose entries no longer match its rows: reads pass, the quick check passes, and a
  // write that must remove a row's entry finds it missing. Made by having SQLite take the index
  // for another column's while the rows change, then giving it its own statement back.
  const statementOf = (sql: string) => {
    const db = new Database(path)
    db.unsafeMode(true)
    db.pragma('writable_schema = ON')
    db.prepare(`UPDATE sqlite_master SET sql = ? WHERE name = 'sessions_by_request'`).run(sql)
    db.close()
  }
  statementOf('CREATE INDEX sessions_by_request ON sessions (state)')
  const db = new Database(path)
  db.pragma('foreign_keys = OFF')
  db.prepare(`UPDATE sessions SET request_id = 'moved_' || request_id`).run()
  db.close()
  statementOf('CREATE INDEX sessions_by_request ON sessions (request_id)')

  const damagedRun = await aRun(dir, (runtime) => {
    expect(() => runtime.cache.clear()).toThrow(/malformed/)
    expect(() => runtime.cache.clear()).not.toThrow()
  })
  expect(damagedRun).toEqual([expect.objectContaining({ title: 'Offline cache rebuilt' })])
  expect(await aRun(dir)).toEqual([])
})
