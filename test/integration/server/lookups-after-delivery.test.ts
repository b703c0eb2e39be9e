import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../src/shared/protocol'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'
import { useCleanup } from '../../support/cleanup'

/** Makes the platform's lookup writes after delivery fail, as a full disk would. */
function failLookupWrites(platform: TestPlatform): () => void {
  const { db } = platform.server.marketplace
  db.exec(`CREATE TEMP TRIGGER lookups_fail BEFORE INSERT ON main.expert_events
    BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
  return () => db.exec('DROP TRIGGER temp.lookups_fail')
}

function replayed(platform: TestPlatform, expertId: string, after = 0, digest?: string): PlatformEvent[] {
  const page = platform.server.marketplace.replay(expertId, after, digest === undefined ? {} : { digest })
  if (page.kind !== 'events') throw new Error(`expected events, got ${page.kind}`)
  return page.events
}

const openTitles = (platform: TestPlatform, expertId: string): string[] =>
  platform.server.marketplace.snapshot(expertId).openInvites.map((i) => i.request.title)

describe('what an app reads while a lookup write after delivery has failed', () => {
  const defer = useCleanup()

  async function sentWhileLookupsFailed(): Promise<{
    platform: TestPlatform
    expert: string
    sent: PlatformEvent[]
  }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert().id
    const sent: PlatformEvent[] = []
    platform.server.marketplace.events.subscribeSender((to, event) => {
      if (to === expert) sent.push(event)
    })
    platform.inviteDirectly(expert, 'First')
    const restore = failLookupWrites(platform)
    platform.inviteDirectly(expert, 'While lookups fail')
    // The disk has room again, but nothing changed since.
    restore()
    return { platform, expert, sent }
  }

  it('a catch-up before the next change gets the event that was sent', async () => {
    const { platform, expert, sent } = await sentWhileLookupsFailed()
    expect(sent.map((e) => e.id)).toEqual([1, 2])
    expect(replayed(platform, expert)).toEqual(sent)
    expect(replayed(platform, expert, 1, sent[0]?.digest)).toEqual(sent.slice(1))
  })

  it('an app that got the event resumes from it instead of starting over from a snapshot', async () => {
    const { platform, expert, sent } = await sentWhileLookupsFailed()
    const last = sent.at(-1) as PlatformEvent
    const page = platform.server.marketplace.replay(expert, last.id, { digest: last.digest })
    expect(page).toEqual({ kind: 'events', events: [], latestId: 2, hasMore: false })
  })

  it('a snapshot before the next change lists the invite that was sent, at the cursor of its event', async () => {
    const { platform, expert, sent } = await sentWhileLookupsFailed()
    const snapshot = platform.server.marketplace.snapshot(expert)
    expect(snapshot.openInvites.map((i) => i.request.title)).toEqual(['First', 'While lookups fail'])
    expect(snapshot.cursorDigest).toBe(sent.at(-1)?.digest)
  })

  it('compacting before the next change keeps exactly the newest events', async () => {
    const { platform, expert, sent } = await sentWhileLookupsFailed()
    const { marketplace } = platform.server
    expect(marketplace.events.prune(1)).toBe(1)
    expect(replayed(platform, expert, 1)).toEqual(sent.slice(1))
    expect(openTitles(platform, expert)).toEqual(['First', 'While lookups fail'])
  })

  it('while the disk stays full, a catch-up fails with an error instead of a page without the sent event', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert().id
    failLookupWrites(platform)
    platform.inviteDirectly(expert, 'While lookups fail')
    expect(() => platform.server.marketplace.replay(expert, 0)).toThrow('disk full')
  })
})

describe('the least-recently-invited order as a fan-out leaves it', () => {
  const defer = useCleanup()

  async function invitedThenClockSetBack(restart: boolean): Promise<{ next: string[]; experts: string[] }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const tag = 'order'
    const experts = [1, 2].map(() => platform.addExpert({ tags: [tag] }).id) as [string, string]
    const clientId = platform.addClient()
    const request = (title: string, direct: string | null) =>
      platform.server.marketplace.createRequest({
        clientId,
        title,
        kind: 'instant',
        tags: [tag],
        direct: direct === null ? null : { expertId: direct, via: 'profile' },
        fanOut: 1,
      })
    request('To the first', experts[0])
    platform.clock.step(1_000)
    request('To the second', experts[1])
    // The machine's clock is set back: the second expert's newest invite is now the earliest.
    platform.clock.step(-10_000)
    if (restart) failLookupWrites(platform)
    request('To the second again', experts[1])
    if (restart) {
      await platform.stopServer()
      await platform.startServer()
    }
    return { next: [...request('Next', null).invitedExpertIds], experts }
  }

  it("goes by the time of each expert's newest invite, even when the clock was set back", async () => {
    const { next, experts } = await invitedThenClockSetBack(false)
    expect(next).toEqual([experts[1]])
  })

  it("is the same after a stop before the fan-out's lookups were written", async () => {
    const { next, experts } = await invitedThenClockSetBack(true)
    expect(next).toEqual([experts[1]])
  })
})
