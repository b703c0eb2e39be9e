/**
 * A demo platform runs its simulated clients for days: what they remember of invites and sessions
 * stays bounded however many requests pass, while each one is still acted on once.
 */
import { afterAll, expect, it } from 'vitest'
import { seedDemoAccounts } from '../../../server/src/seed'
import { ClientSimulator } from '../../../server/src/simulator'
import { RecentKeys } from '../../../server/src/recent-keys'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'

let platform: TestPlatform | undefined
afterAll(() => platform?.close())

it('remembers at most the keys it keeps, however many requests its clients post', async () => {
  platform = await startTestPlatform()
  await seedDemoAccounts(platform.server.marketplace)
  const simulator = new ClientSimulator(platform.server.marketplace, platform.clock, platform.logger, {
    requestEveryMs: 20_000,
    seed: 3,
    keysKept: 20,
  })
  simulator.start()
  // Each request invites several experts: far more invites than a note keeps.
  for (let i = 0; i < 100; i++) platform.clock.advance(20_000)
  simulator.stop()
  const invites = platform.server.marketplace.store.db
    .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM invites')
    .get()
  expect(invites?.n).toBeGreaterThan(100)
  expect(simulator.keysRemembered).toBeLessThanOrEqual(4 * 20)
})

it('answers each key once while it is remembered, and forgets the oldest first', () => {
  const keys = new RecentKeys(2)
  expect([keys.first('a'), keys.first('a'), keys.first('b'), keys.first('c')]).toEqual([
    true,
    false,
    true,
    true,
  ])
  // 'a' was the oldest of three: forgotten, so it counts as new again; 'c' is still remembered.
  expect([keys.first('c'), keys.first('a'), keys.size]).toEqual([false, true, 2])
})
