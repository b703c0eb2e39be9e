import { describe, expect, it } from 'vitest'
import type { PlatformLink } from '../../../../src/main/core/connection/platform-link'
import { MOST_PICK_KEYS } from '../../../../src/main/core/connection/pick-keys'
import { useCleanup } from '../../../support/cleanup'
import { platformEvent, restartedOverItsData, startProxiedExpert } from '../../../support/proxied-expert'
import type { TestCore } from '../../../support/test-core'

/** The core's current link: what its availability picks ask whether a key is this device's. */
function linkOf(core: TestCore): PlatformLink {
  const link = (core.runtime.core as unknown as { platform: { link?: PlatformLink } }).platform.link
  if (link === undefined) throw new Error('the core should be signed in')
  return link
}

describe('the keys of availability picks, after Standby restarted', () => {
  const defer = useCleanup()

  it('still tell a pick sent before the restart, its answer lost, for this device’s own choice', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, core } = world
    // It reaches the platform; what the platform sends back (its event, its answer) is held.
    proxy.hold('down')
    const made = platformEvent(platform, expert.id, 'expert.updated')
    void core.runtime.api['availability.set']({ availability: 'away', onlineUntil: null })
    const key = (await made).payload.idempotencyKey
    if (key === undefined) throw new Error('the platform should name the pick’s key in its event')

    // Standby stops (a crash, or a quit) with the pick unanswered, and starts again over its data.
    const restarted = await restartedOverItsData(world, defer)
    expect(linkOf(restarted).pickKeys.has(key)).toBe(true)
    expect(linkOf(restarted).pickKeys.has('made-on-the-phone')).toBe(false)
  })

  it('keeps only the latest in the cache, as in memory: the oldest are forgotten in both', async () => {
    const world = await startProxiedExpert(defer)
    const { core } = world
    const keys = Array.from({ length: MOST_PICK_KEYS + 2 }, (_, i) => `pick-${i}`)
    for (const key of keys) linkOf(core).pickKeys.add(key)
    const restarted = await restartedOverItsData(world, defer)
    expect(keys.map((key) => linkOf(restarted).pickKeys.has(key))).toEqual(keys.map((_, i) => i >= 2))
  })
})
