import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../src/shared/protocol'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'
import { useCleanup } from '../../support/cleanup'

/** Makes the platform's lookup writes after delivery fail, as a stop or a full disk would. */
function failLookupWrites(platform: TestPlatform): () => void {
  const { db } = platform.server.marketplace
  db.exec(`CREATE TEMP TRIGGER lookups_fail BEFORE INSERT ON main.expert_events
    BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
  return () => db.exec('DROP TRIGGER temp.lookups_fail')
}

function replayed(platform: TestPlatform, expertId: string): PlatformEvent[] {
  const page = platform.server.marketplace.replay(expertId, 0)
  if (page.kind !== 'events') throw new Error(`expected events, got ${page.kind}`)
  return page.events
}

const logged = (platform: TestPlatform, message: string): boolean =>
  platform.logger.lines.some((line) => line.includes(message))

const openTitles = (platform: TestPlatform, expertId: string): string[] =>
  platform.server.marketplace.snapshot(expertId).openInvites.map((i) => i.request.title)

describe("an expert's invites and events are found through lookups written after the sends", () => {
  const defer = useCleanup()

  async function fanOutThenStop(): Promise<{ platform: TestPlatform; experts: string[] }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const tag = 'lookups'
    const experts = [1, 2, 3].map(() => platform.addExpert({ tags: [tag] }).id)
    const clientId = platform.addClient()
    const request = (title: string, fanOut: number) =>
      platform.server.marketplace.createRequest({ clientId, title, kind: 'instant', tags: [tag], fanOut })
    request('Everyone', 3)
    platform.clock.advance(1_000)
    failLookupWrites(platform)
    // Committed and sent; the platform stops before its lookups are written.
    const invited = request('Just before the stop', 2).invitedExpertIds
    await platform.stopServer()
    await platform.startServer()
    return { platform, experts: [...invited, ...experts.filter((e) => !invited.includes(e))] }
  }

  it('after a stop right after a fan-out, its events replay, its invites are open, and no id is used twice', async () => {
    const { platform, experts } = await fanOutThenStop()
    const [first] = experts as [string]
    expect(replayed(platform, first).map((e) => [e.id, e.type])).toEqual([
      [1, 'invite.created'],
      [2, 'invite.created'],
    ])
    expect(openTitles(platform, first)).toEqual(['Everyone', 'Just before the stop'])
    platform.inviteDirectly(first, 'After the restart')
    expect(replayed(platform, first).map((e) => e.id)).toEqual([1, 2, 3])
    expect(
      logged(platform, 'invite lookups written at start: the platform stopped before writing them'),
    ).toBe(true)
  })

  it('after a stop right after a fan-out, the next request goes to the expert it skipped', async () => {
    const { platform, experts } = await fanOutThenStop()
    const clientId = platform.addClient()
    const next = platform.server.marketplace.createRequest({
      clientId,
      title: 'Next',
      kind: 'instant',
      tags: ['lookups'],
      fanOut: 1,
    })
    expect(next.invitedExpertIds).toEqual([experts[2]])
  })

  it('a lookup write that fails is logged and done with the next change; a change rolled back meanwhile reuses no id', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert().id
    platform.inviteDirectly(expert, 'First')
    const restore = failLookupWrites(platform)
    platform.inviteDirectly(expert, 'While lookups fail')
    expect(
      logged(platform, 'writing per-expert lookups after delivery failed; retried with the next change'),
    ).toBe(true)
    restore()
    // The retried lookup write joins this change, and is rolled back with it.
    const { events } = platform.server.marketplace
    expect(() =>
      events.transact(() => {
        events.append(expert, 'invite.closed', { inviteId: 'inv_x', reason: 'withdrawn', sessionId: null })
        throw new Error('the change fails')
      }),
    ).toThrow('the change fails')
    // A reconnecting app asks where the stream is before the next change.
    expect(platform.server.marketplace.events.latestId(expert)).toBe(2)
    platform.inviteDirectly(expert, 'Third')
    expect(replayed(platform, expert).map((e) => e.id)).toEqual([1, 2, 3])
    expect(openTitles(platform, expert)).toEqual(['First', 'While lookups fail', 'Third'])
  })

  it('an invite sent and withdrawn in one transaction is not listed as open', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert().id
    const { marketplace } = platform.server
    marketplace.events.transact(() => {
      const { request } = platform.inviteDirectly(expert, 'Sent and withdrawn')
      marketplace.withdrawRequest(request.id)
    })
    platform.inviteDirectly(expert, 'Still open')
    expect(openTitles(platform, expert)).toEqual(['Still open'])
  })
})
