import { expect, it } from 'vitest'
import { pingFloodWatch } from '../../../../src/main/node/ping-flood-watch'

it('takes a few pings within a second, and calls the next one a flood until reset', () => {
  let now = 0
  const watch = pingFloodWatch(() => now)
  const heard = Array.from({ length: 6 }, () => watch.heard())
  expect(heard).toEqual([false, false, false, false, false, true])
  expect(watch.flooded).toBe(true)
  now += 5_000
  // Still flooded: the connection ends, and only the next one starts afresh.
  expect(watch.heard()).toBe(true)
  watch.reset()
  expect(watch.flooded).toBe(false)
  expect(watch.heard()).toBe(false)
})

it('never calls an honest heartbeat a flood, however long the connection lasts', () => {
  let now = 0
  const watch = pingFloodWatch(() => now)
  for (let i = 0; i < 1_000; i++) {
    // Two pings close together (one delayed, the next on time), then the interval.
    expect(watch.heard()).toBe(false)
    now += 300
    expect(watch.heard()).toBe(false)
    now += 4_700
  }
})
