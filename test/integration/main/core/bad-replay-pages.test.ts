// The reference platform answering replays with pages whose events are out of order, overlap,
// skip ids or go backwards: the core says so in the log and recovers by itself, by asking again
// from its cursor and, when the platform keeps doing it, by rebuilding from a snapshot. No invite
// is lost or shown twice, and nothing waits for the next reconnect.
import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { recordingLog, type RecordingLog } from '../../../support/recording-log'
import { startCoreFor, startOnlineCore, type TestCore } from '../../../support/test-core'
import type { TestPlatform } from '../../../support/test-platform'

type Events = ReadonlyArray<PlatformEvent>

/** Each page of events the platform sends goes through `bend` while `times` lasts (-1: always). */
function bendPages(
  platform: TestPlatform,
  times: number,
  bend: (events: Events, more: (after: number) => Events) => Events,
): { readonly bent: () => number } {
  const { marketplace } = platform.server
  const honest = marketplace.replay.bind(marketplace)
  let bent = 0
  marketplace.replay = (expertId, after, options) => {
    const page = honest(expertId, after, options)
    if (page.kind !== 'events' || page.events.length < 2 || (times >= 0 && bent >= times)) return page
    bent++
    const more = (from: number): Events => {
      const other = honest(expertId, from, options)
      return other.kind === 'events' ? other.events : []
    }
    return { ...page, events: [...bend(page.events, more)] }
  }
  return { bent: () => bent }
}

/** The titles of the invites shown, sorted: a catch-up shows what it found together. */
function invitesShown(core: TestCore): string[] {
  return core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.title] : [])).sort()
}

const TITLES = ['First', 'Second', 'Third', 'Fourth']

describe('replay pages out of order', () => {
  const defer = useCleanup()

  /** An expert whose core was online, then closed while the platform sent four invites. */
  async function awayWhileInvited(): Promise<{
    platform: TestPlatform
    log: RecordingLog
    restart: () => Promise<TestCore>
  }> {
    const { platform, expert, core } = await startOnlineCore(defer)
    // An event already applied: the restart replays after it instead of starting from a snapshot.
    platform.inviteDirectly(expert.id, 'Earlier')
    await core.waitForNotifications(1)
    core.close()
    for (const title of TITLES) platform.inviteDirectly(expert.id, title)
    const log = recordingLog()
    return {
      platform,
      log,
      restart: async () => {
        const again = await startCoreFor(platform.server.url, expert, { dir: core.dir, log })
        defer(() => again.close(true))
        return again
      },
    }
  }

  /** Online or stuck, whichever comes first, then every invite shown once. */
  async function expectCaughtUp(core: TestCore, platform: TestPlatform): Promise<void> {
    const state = await core.waitForState((s) => s.status === 'online' || s.status === 'incompatible')
    expect(state.status).toBe('online')
    await core.runtime.core.settled()
    expect(invitesShown(core)).toEqual(TITLES.map((t) => `Direct Client: ${t}`).sort())
    const expertId = core.runtime.cache.expert()?.id ?? ''
    expect(core.runtime.cache.cursor()).toBe(platform.server.marketplace.events.latestId(expertId))
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now())).toHaveLength(
      TITLES.length + 1,
    )
  }

  const bends: ReadonlyArray<[string, (events: Events, more: (after: number) => Events) => Events]> = [
    ['in reverse order', (events) => [...events].reverse()],
    ['with the first two swapped', ([a, b, ...rest]) => [b!, a!, ...rest]],
    ['with an id skipped', ([a, , ...rest]) => [a!, ...rest]],
    ['with an id going backwards', (events) => [...events, events[0]!]],
    ['overlapping what the app has', (events, more) => more(Math.max(0, events[0]!.id - 3))],
  ]

  it.each(bends)('a page %s once: the core asks again and catches up', async (_, bend) => {
    const { platform, restart, log } = await awayWhileInvited()
    bendPages(platform, 1, bend)
    const core = await restart()
    await expectCaughtUp(core, platform)
    expect(log.text()).not.toMatch(/snapshot/)
  })

  it('every page out of order: the core says so and rebuilds from a snapshot instead of waiting for a reconnect', async () => {
    const { platform, restart, log } = await awayWhileInvited()
    const pages = bendPages(platform, -1, (events) => [...events].reverse())
    const core = await restart()
    await expectCaughtUp(core, platform)
    expect(pages.bent()).toBeGreaterThan(1)
    expect(log.text()).toMatch(/out of order.*asking again from event/)
    expect(log.text()).toMatch(/out of order.*rebuilding from a snapshot/)
  })
})
