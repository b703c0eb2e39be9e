/**
 * A cache damaged after a clean exit (a disk error, another program writing into it): the next
 * start skips the full check, as the file was closed cleanly, so the damage is found only when a
 * read reaches it. The expert is told what to do, and the start after that checks the file and
 * rebuilds it, where every start before opened it unchecked and failed the same reads for ever.
 */
import Database from 'better-sqlite3'
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import type { Runtime } from '../../../../../src/main/node/runtime/start-runtime'
import { systemClock } from '../../../../../src/shared/clock'
import { aSnapshot } from '../../../../support/fixtures'
import { manySessions } from '../../../../support/fixture-streams'
import { useCleanup } from '../../../../support/cleanup'
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

/** Overwrite one page of the sessions table's rows with bytes SQLite cannot read. */
function damageSessionsPage(path: string): void {
  const db = new Database(path, { readonly: true })
  const pages = db
    .prepare(`SELECT pageno FROM dbstat WHERE name = 'sessions' AND pagetype = 'leaf' ORDER BY pageno`)
    .pluck()
    .all() as number[]
  const pageSize = Number(db.pragma('page_size', { simple: true }))
  db.close()
  const page = pages[Math.floor(pages.length / 2)] ?? 2
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}

it('tells the expert the cache is damaged, and the next start checks and rebuilds it', async () => {
  const dir = tempDir()
  await aRun(dir, (runtime) =>
    runtime.cache.applySnapshot(aSnapshot({ sessions: manySessions(400), cursor: 400 })),
  )
  damageSessionsPage(join(dir, 'cache.db'))

  const damagedRun = await aRun(dir, (runtime) => {
    expect(() => runtime.cache.sessionHistory(500)).toThrow(/malformed/)
  })
  expect(damagedRun).toEqual([
    expect.objectContaining({
      title: 'Offline cache damaged',
      body: expect.stringMatching(/Quit Standby and start it again: .*rebuilt from the platform/),
    }),
  ])

  const nextRun = await aRun(dir, (runtime) => {
    expect(runtime.cache.sessionHistory(500)).toEqual([])
  })
  expect(nextRun).toEqual([expect.objectContaining({ title: 'Offline cache rebuilt' })])
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
  })
  expect(damagedRun).toEqual([expect.objectContaining({ title: 'Offline cache damaged' })])
  const nextRun = await aRun(dir, (runtime) => {
    expect(() => runtime.cache.clear()).not.toThrow()
  })
  expect(nextRun).toEqual([expect.objectContaining({ title: 'Offline cache rebuilt' })])
})
