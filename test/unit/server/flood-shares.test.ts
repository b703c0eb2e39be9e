import { describe, expect, it } from 'vitest'
import { ExpertFlood, HEAVY_SHARE } from '../../../server/src/flood-guard'
import { ManualClock } from '../../../src/shared/clock'

const LIMIT = { burst: 20, perSecond: 4 }

describe('who is cut when an expert’s flood budget is spent', () => {
  it('is a connection sending one message at a time, not the app that sent a few before it', () => {
    const budget = new ExpertFlood(LIMIT, new ManualClock(0))
    const app = budget.join(() => undefined)
    for (let i = 0; i < 3; i++) expect(budget.draw(app, 1)).toEqual([])
    // Another device spends the rest from a fresh connection each time.
    budget.take(LIMIT.burst - 3)
    const fresh = budget.join(() => undefined)
    expect(budget.draw(fresh, 1)).toEqual([fresh])
  })

  it('is every connection that drew a large share lately, while one that drew little is read on', () => {
    const clock = new ManualClock(0)
    const budget = new ExpertFlood(LIMIT, clock)
    const heavy = [budget.join(() => undefined), budget.join(() => undefined)]
    const quiet = budget.join(() => undefined)
    for (const c of heavy) for (let i = 0; i < LIMIT.burst / 2; i++) budget.draw(c, 1)
    expect(budget.draw(quiet, 1)).toEqual(heavy)
    budget.leave(heavy[0]!)
    budget.leave(heavy[1]!)
    // With none that drew much left, the one that sends is cut, as before.
    expect(budget.draw(quiet, 1)).toEqual([quiet])
  })

  it('lets a share fade as the budget refills, so a connection that drew much long ago is not cut', () => {
    const clock = new ManualClock(0)
    const budget = new ExpertFlood(LIMIT, clock)
    const once = budget.join(() => undefined)
    for (let i = 0; i < LIMIT.burst; i++) budget.draw(once, 1)
    clock.advance((10 * 1000 * LIMIT.burst) / LIMIT.perSecond)
    budget.take(LIMIT.burst)
    const other = budget.join(() => undefined)
    expect(LIMIT.burst * HEAVY_SHARE).toBeGreaterThan(1)
    expect(budget.draw(other, 1)).toEqual([other])
  })
})
