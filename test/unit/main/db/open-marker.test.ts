// The `cache.db-open` marker's record that a run found the file damaged must outlive any other run
// that opens or closes the cache meanwhile (two started at once): only the open that ran the full
// check on it may clear it, or the damage is found again only when a read reaches it.
import { lstatSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { markDamaged, markedDamaged, markOpen, unmarkOpen } from '../../../../src/main/db/open-marker'
import { openCache } from '../../../../src/main/db/open-cache'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const damagedAt = (marker: string): boolean =>
  markedDamaged(marker, lstatSync(marker, { throwIfNoEntry: false }))

it('keeps a damaged record when another run marks the cache open or closes it cleanly', () => {
  const marker = join(tempDir(), 'cache.db-open')
  markDamaged(marker)
  expect(markOpen(marker)).toBe(true)
  expect(damagedAt(marker)).toBe(true)
  unmarkOpen(marker)
  expect(damagedAt(marker)).toBe(true)
})

it('clears a damaged record only as the open that acted on it found it, not one written since', () => {
  const marker = join(tempDir(), 'cache.db-open')
  markDamaged(marker)
  const looked = lstatSync(marker)
  markDamaged(marker) // another run found damage again after this open looked
  expect(markOpen(marker, looked)).toBe(true)
  expect(damagedAt(marker)).toBe(true)
  expect(markOpen(marker, lstatSync(marker))).toBe(true)
  expect(damagedAt(marker)).toBe(false)
})

it('a run opened beside one that then finds damage leaves the next start the full check, which clears it', () => {
  const path = join(tempDir(), 'cache.db')
  openCache({ path, integrityCheck: 'after-unclean-exit' }).close()
  const first = openCache({ path, integrityCheck: 'after-unclean-exit' })
  // A run started at the same instant, which looked before the first found the damage.
  const second = openCache({ path, integrityCheck: 'after-unclean-exit' })
  first.damaged()
  second.close()
  first.close()
  const next = openCache({ path, integrityCheck: 'after-unclean-exit' })
  expect(next.checked).toBe(true)
  next.close()
  const after = openCache({ path, integrityCheck: 'after-unclean-exit' })
  expect(after.checked).toBe(false)
  after.close()
})
