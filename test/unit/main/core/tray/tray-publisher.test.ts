import { describe, expect, it } from 'vitest'
import { PlatformClock } from '../../../../../src/main/core/platform-clock/platform-clock'
import type { CacheStore } from '../../../../../src/main/core/ports/cache-store'
import type { Notifier } from '../../../../../src/main/core/ports/notifier'
import { createTrayFeed } from '../../../../../src/main/core/tray/tray-feed'
import { TrayPublisher } from '../../../../../src/main/core/tray/tray-publisher'
import type { TrayView } from '../../../../../src/main/core/tray/tray-view'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import type { Expert, Session } from '../../../../../src/shared/protocol'
import { useHostZone } from '../../../../support/host-zone'

const start = Date.UTC(2026, 0, 5, 14, 0)
const log = { info: () => {}, warn: () => {}, error: () => {} }

describe('the tray publisher and the computer’s time zone', () => {
  const setZone = useHostZone()

  it('has the tray write the next session’s start again in the new zone, as the core tells it', () => {
    setZone('Europe/London')
    const clock = new ManualClock(start - 90 * 60_000)
    const platform = new PlatformClock(clock, createPowerHook(), log)
    const views: TrayView[] = []
    const feed = createTrayFeed({
      initial: { connection: { status: 'connecting' }, openInvites: 0, statusLine: 'Starting…' },
      clock,
      show: (view) => views.push(view),
    })
    const session = { id: 's1', request: { title: 'Query plan' }, bookedStart: start, state: 'booked' }
    feed.follow(
      {
        expert: () => ({ availability: 'online', availabilityCause: 'chosen', idleMinutes: null }) as Expert,
        openInvites: () => [],
        openInviteCount: () => 0,
        upcomingSessions: () => [session as unknown as Session],
      },
      platform,
    )
    const cache = { openInviteCount: () => 0 } as unknown as CacheStore
    const publisher = new TrayPublisher({ cache, notifier: {} as Notifier, tray: feed }, platform)
    publisher.publish({ status: 'online', since: 0 })
    const startLine = (): string | undefined => views.at(-1)?.nextSession?.startLine
    expect(startLine()).toMatch(/ · at (14[:.]00|0?2[:.]00 PM)$/)

    setZone('Asia/Tokyo')
    // What the core does when the runtime's zone watch reads a new zone.
    publisher.zoneChanged()
    publisher.publish({ status: 'online', since: 0 })
    expect(startLine()).toMatch(/ · at (23[:.]00|11[:.]00 PM)$/)
  })
})
