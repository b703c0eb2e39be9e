import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedDemoEarnings } from '../../../server/src/demo-earnings'
import { DEMO_EXPERTS, seedDemoAccounts } from '../../../server/src/seed'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'

describe('the demo’s past earnings', () => {
  let platform: TestPlatform

  // A platform of its own for each case: neither relies on the other having run first.
  beforeEach(async () => {
    platform = await startTestPlatform()
    await seedDemoAccounts(platform.server.marketplace)
  })
  afterEach(async () => {
    await platform.close()
  })

  it('gives every demo expert weeks of settled sessions that earned in their own currency, once', () => {
    const { marketplace } = platform.server
    expect(seedDemoEarnings(marketplace)).toBeGreaterThan(DEMO_EXPERTS.length * 12)
    expect(seedDemoEarnings(marketplace)).toBe(0)
    for (const demo of DEMO_EXPERTS) {
      const expert = marketplace.store.expert(demo.id)
      expect(expert.rate).toEqual(demo.rate)
      const weeks = expert.stats.earnings?.weeks ?? []
      expect(weeks).toHaveLength(12)
      expect(expert.stats.earnings?.currency).toBe(demo.rate.currency)
      // Most weeks earned something, so the chart has bars from the first run.
      expect(weeks.filter((w) => w.amountMinor !== 0).length).toBeGreaterThan(6)
    }
  })

  it('puts the sessions in each demo expert’s stream, so History shows their amounts', () => {
    seedDemoEarnings(platform.server.marketplace)
    const page = platform.server.marketplace.replay(DEMO_EXPERTS[0].id, 0)
    if (page.kind !== 'events') throw new Error('expected events')
    const earned = page.events.flatMap((e) =>
      e.type === 'session.updated' && e.payload.session.earnings !== null ? [e.payload.session.earnings] : [],
    )
    expect(earned.length).toBeGreaterThan(12)
    expect(new Set(earned.map((m) => m.currency))).toEqual(new Set(['GBP']))
  })
})
