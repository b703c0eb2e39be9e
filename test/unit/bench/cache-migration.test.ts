import { describe, expect, it, vi } from 'vitest'
import { migrationCost } from '../../../bench/cache-migration'
import { aSnapshot } from '../../support/fixtures'
import { manySessions } from '../../support/fixture-streams'
import { useFreshStores } from '../main/db/cache-test-kit'

describe("the cache bench's migration figure", () => {
  const freshStore = useFreshStores()

  it('runs migration 0021 on a copy of a cache built at the newest version, and reports every case', () => {
    const { store, db } = freshStore()
    store.applySnapshot(aSnapshot({ sessions: manySessions(20), cursor: 20 }))
    db.pragma('wal_checkpoint(TRUNCATE)')
    const lines: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
    try {
      migrationCost(db.name)
    } finally {
      log.mockRestore()
    }
    const cases = lines.slice(1)
    expect(cases).toHaveLength(4)
    // Only what 0021 cleans is written again: nothing in the ASCII cache, every row in the last case.
    expect(cases[0]).toMatch(/as built \(ASCII\): .*, 0 rows written/)
    expect(cases[3]).toMatch(/text to clean in every row: .*, [1-9]\d* rows written/)
  })
})
