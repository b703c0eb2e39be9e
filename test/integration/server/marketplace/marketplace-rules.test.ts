/**
 * The marketplace's tunable rules: a value that would quietly defeat what it tunes stops the start
 * with a message naming the rule, instead of running with it.
 */
import { describe, expect, it } from 'vitest'
import { openPlatformDatabase } from '../../../../server/src/db/open-database'
import { MemoryLogger } from '../../../../server/src/logger'
import type { MarketplaceConfig } from '../../../../server/src/marketplace/context'
import { Marketplace } from '../../../../server/src/marketplace/marketplace'
import { ManualClock } from '../../../../src/shared/clock'

const T0 = Date.UTC(2026, 11, 1, 12)

/** Opens a marketplace over a fresh database with `config`; closes the database either way. */
function open(config: Partial<MarketplaceConfig>): MarketplaceConfig {
  const db = openPlatformDatabase(':memory:')
  try {
    return new Marketplace(db, new ManualClock(T0), new MemoryLogger(), config).config
  } finally {
    db.close()
  }
}

describe("the held stream lookups' batch", () => {
  it('is refused when it names no experts or no places, or is not a whole number', () => {
    for (const key of ['lookupBatchExperts', 'lookupBatchPlaces'] as const) {
      for (const value of [0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => open({ [key]: value })).toThrow(
          new RegExp(`${key} must be a whole number of 1 or more, not ${String(value)}`),
        )
      }
    }
  })

  it('takes any whole number from one up, and the defaults when left out', () => {
    expect(open({ lookupBatchExperts: 1, lookupBatchPlaces: 1 })).toMatchObject({
      lookupBatchExperts: 1,
      lookupBatchPlaces: 1,
    })
    const defaults = open({})
    expect(defaults.lookupBatchExperts).toBeGreaterThanOrEqual(1)
    expect(defaults.lookupBatchPlaces).toBeGreaterThanOrEqual(1)
  })
})
