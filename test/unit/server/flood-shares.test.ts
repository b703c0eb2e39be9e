import { describe, expect, it } from 'vitest'
import { ExpertFlood, HEAVY_SHARE, MOST_ORIGINS_REMEMBERED } from '../../../server/src/flood-guard'
import { ManualClock } from '../../../src/shared/clock'

const LIMIT = { burst: 20, perSecond: 4 }

describe('who is cut when an expert’s flood budget is spent', () => {
  it('is a connection sending one message at a time, not the app that sent a few before it', () => {
    const budget = new ExpertFlood(LIMIT, new ManualClock(0))
    const app = budget.join(() => undefined, 'here')
    for (let i = 0; i < 3; i++) expect(budget.draw(app, 1)).toEqual([])
    // Another device spends the rest from a fresh connection each time.
    budget.take(LIMIT.burst - 3)
    const fresh = budget.join(() => undefined, 'here')
    expect(budget.draw(fresh, 1)).toEqual([fresh])
  })

  it('is every connection that drew a large share lately, while one that drew little is read on', () => {
    const clock = new ManualClock(0)
    const budget = new ExpertFlood(LIMIT, clock)
    const heavy = [budget.join(() => undefined, 'here'), budget.join(() => undefined, 'here')]
    const quiet = budget.join(() => undefined, 'here')
    for (const c of heavy) for (let i = 0; i < LIMIT.burst / 2; i++) budget.draw(c, 1)
    expect(budget.draw(quiet, 1)).toEqual(heavy)
    budget.leave(heavy[0]!)
    budget.leave(heavy[1]!)
    // With none that drew much left, the one that sends is cut, as before.
    expect(budget.draw(quiet, 1)).toEqual([quiet])
  })

  it('is the heaviest of a swarm spread over many origins, not the app sending a little beside it', () => {
    const budget = new ExpertFlood(LIMIT, new ManualClock(0))
    const app = budget.join(() => undefined, 'app')
    expect(budget.draw(app, 1)).toEqual([])
    // Five sign-ins or addresses, each drawing less than a heavy share, spend the rest together.
    const swarm = Array.from({ length: 5 }, (_, i) => budget.join(() => undefined, `origin ${i}`))
    const each = (LIMIT.burst - 1) / swarm.length
    expect(each).toBeLessThan(LIMIT.burst * HEAVY_SHARE)
    for (const [i, c] of swarm.entries()) expect(budget.draw(c, each - i * 0.01)).toEqual([])
    const cut = budget.draw(app, 1)
    expect(cut).not.toContain(app)
    expect(cut).toEqual([swarm[0], swarm[1]])
  })

  it('lets a share fade as the budget refills, so a connection that drew much long ago is not cut', () => {
    const clock = new ManualClock(0)
    const budget = new ExpertFlood(LIMIT, clock)
    const once = budget.join(() => undefined, 'here')
    for (let i = 0; i < LIMIT.burst; i++) budget.draw(once, 1)
    clock.advance((10 * 1000 * LIMIT.burst) / LIMIT.perSecond)
    budget.take(LIMIT.burst)
    const other = budget.join(() => undefined, 'here')
    expect(LIMIT.burst * HEAVY_SHARE).toBeGreaterThan(1)
    expect(budget.draw(other, 1)).toEqual([other])
  })
})

describe('what an expert’s flood budget remembers of closed connections', () => {
  it('is their draw by origin, taken on by the next connection from there, and faded away in time', () => {
    const clock = new ManualClock(0)
    const budget = new ExpertFlood(LIMIT, clock)
    const first = budget.join(() => undefined, 'there')
    for (let i = 0; i < LIMIT.burst; i++) budget.draw(first, 1)
    budget.leave(first)
    expect(budget.join(() => undefined, 'elsewhere').share).toBe(0)
    const back = budget.join(() => undefined, 'there')
    expect(back.share).toBe(LIMIT.burst)
    budget.leave(back)
    expect(budget.idle).toBe(false)
    clock.advance((10 * 1000 * LIMIT.burst) / LIMIT.perSecond)
    expect(budget.join(() => undefined, 'there').share).toBeLessThan(1)
  })

  it('is bounded, however many addresses a client comes from', () => {
    const budget = new ExpertFlood(LIMIT, new ManualClock(0))
    for (let i = 0; i < 10 * MOST_ORIGINS_REMEMBERED; i++) {
      const draw = budget.join(() => undefined, `address ${i}`)
      budget.draw(draw, 2)
      budget.leave(draw)
    }
    const remembered = Array.from(
      { length: 10 * MOST_ORIGINS_REMEMBERED },
      (_, i) => budget.join(() => undefined, `address ${i}`).share,
    ).filter((share) => share > 0)
    expect(remembered).toHaveLength(MOST_ORIGINS_REMEMBERED)
  })
})
