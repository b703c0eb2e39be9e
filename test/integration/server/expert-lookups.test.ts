import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../src/shared/protocol'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'
import { useCleanup } from '../../support/cleanup'
import { adminFetch } from '../../support/admin-api'

/** Makes the platform's lookup writes after delivery fail, as a stop or a full disk would. */
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

  it('a lookup write that fails is logged and done later; a change rolled back meanwhile reuses no id', async () => {
    // Written after every fan-out, so that this one's write is tried (and fails) at once.
    const platform = await startTestPlatform({ marketplace: { lookupBatchPlaces: 1 } })
    defer(() => platform.close())
    const expert = platform.addExpert().id
    platform.inviteDirectly(expert, 'First')
    const restore = failLookupWrites(platform)
    platform.inviteDirectly(expert, 'While lookups fail')
    expect(
      logged(platform, 'writing per-expert lookups after delivery failed; retried with the next change'),
    ).toBe(true)
    restore()
    // The expert's figures read through the lookups: the held ones are written inside this change,
    // and held again when it rolls back.
    const { events, store } = platform.server.marketplace
    expect(() =>
      events.transact(() => {
        store.expert(expert)
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

  it('lookups held after a fan-out are written for every read that joins them, and survive a change that rolls back', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert().id
    const lookupRows = (): number =>
      platform.server.marketplace.db
        .prepare<[string], number>('SELECT COUNT(*) FROM expert_events WHERE expert_id = ?')
        .pluck()
        .get(expert) ?? 0
    const { request } = platform.inviteDirectly(expert, 'First')
    // Held: written with the next fan-outs' lookups.
    expect(lookupRows()).toBe(0)
    const { events, store, db } = platform.server.marketplace
    expect(() =>
      events.transact(() => {
        store.expert(expert)
        throw new Error('the change fails')
      }),
    ).toThrow('the change fails')
    expect(lookupRows()).toBe(0)
    // The answer shows in the figures the app is sent with it: its invite is found through its lookup.
    platform.clock.advance(30_000)
    const inviteId = db
      .prepare('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(request.id) as string
    const ack = platform.server.marketplace.execute(expert, {
      name: 'invite.decline',
      idempotencyKey: 'held-lookups-decline',
      payload: { inviteId },
    })
    expect(ack.ok).toBe(true)
    const updated = replayed(platform, expert)
      .filter((e) => e.type === 'expert.updated')
      .at(-1)
    expect(updated?.type === 'expert.updated' && updated.payload.expert.stats.averageResponseMs).toBe(30_000)
    expect(lookupRows()).toBe(3)
  })

  it('held lookups are written once they name enough experts, or, for the same experts invited again, once there are enough', async () => {
    const platform = await startTestPlatform({ marketplace: { lookupBatchPlaces: 6, lookupBatchExperts: 3 } })
    defer(() => platform.close())
    const { marketplace } = platform.server
    const lookupRows = (): number =>
      marketplace.db.prepare<[], number>('SELECT COUNT(*) FROM expert_events').pluck().get() ?? 0
    const clientId = platform.addClient()
    const fanOut = (tag: string, fanOut: number): void => {
      marketplace.createRequest({ clientId, title: `To ${tag}`, kind: 'instant', tags: [tag], fanOut })
      platform.clock.advance(1_000)
    }
    // Two experts invited again and again: their places wait until there are six.
    ;[1, 2].forEach(() => platform.addExpert({ tags: ['pair'] }))
    fanOut('pair', 2)
    fanOut('pair', 2)
    expect(lookupRows()).toBe(0)
    fanOut('pair', 2)
    expect(lookupRows()).toBe(6)
    // Each fan-out to other experts: written once the places name three, though fewer than six.
    ;[1, 2, 3].forEach((n) => platform.addExpert({ tags: [`other-${n}`] }))
    fanOut('other-1', 1)
    fanOut('other-2', 1)
    expect(lookupRows()).toBe(6)
    fanOut('other-3', 1)
    expect(lookupRows()).toBe(9)
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

describe('what an app reads while a lookup write after delivery has failed', () => {
  const defer = useCleanup()

  async function sentWhileLookupsFailed(): Promise<{
    platform: TestPlatform
    expert: string
    token: string
    sent: PlatformEvent[]
  }> {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const { id: expert, token } = platform.addExpert()
    const sent: PlatformEvent[] = []
    platform.server.marketplace.events.subscribeSender((to, event) => {
      if (to === expert) sent.push(event)
    })
    platform.inviteDirectly(expert, 'First')
    const restore = failLookupWrites(platform)
    platform.inviteDirectly(expert, 'While lookups fail')
    // The disk has room again, but nothing changed since.
    restore()
    return { platform, expert, token, sent }
  }

  const inviteIdOf = (event: PlatformEvent | undefined): string =>
    event?.type === 'invite.created' ? event.payload.invite.id : 'none'

  it('the invite that was sent can be taken, its rows written first', async () => {
    const { platform, token, sent } = await sentWhileLookupsFailed()
    const socket = await platform.connect(token)
    defer(() => socket.close())
    const taken = await socket.command('invite.accept', {
      inviteId: inviteIdOf(sent.at(-1)),
      proposedTime: null,
    })
    expect(taken).toMatchObject({ ok: true })
  })

  it('the operator finds the invite that was sent, open', async () => {
    const { platform, sent } = await sentWhileLookupsFailed()
    const answer = await adminFetch(platform.server, 'GET', `/admin/invites/${inviteIdOf(sent.at(-1))}`)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ invite: { state: 'open' } })
  })

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

describe("a replayed invite is the one sent, whatever its request's text", () => {
  const defer = useCleanup()

  it('holds text that looks like the slot, and text of any script, byte for byte, within byte-bounded pages', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert().id
    const sent: string[] = []
    platform.server.marketplace.events.subscribeSender((to, _event, json) => {
      if (to === expert) sent.push(json)
    })
    const titles = ['"\\u0000json-slot" and "\u2028"', 'Ünïcödé 👩🏽‍💻 e\u0301 \u{10FFFF} 中文']
    for (const title of titles) platform.inviteDirectly(expert, title)
    const { marketplace } = platform.server
    marketplace.events.transact(() =>
      marketplace.events.append(expert, 'invite.closed', {
        inviteId: 'inv_x',
        reason: 'withdrawn',
        sessionId: null,
      }),
    )
    expect(replayed(platform, expert).map((e) => JSON.stringify(e))).toEqual(sent)
    const first = Buffer.byteLength(sent[0] as string)
    const second = Buffer.byteLength(sent[1] as string)
    const page = marketplace.replay(expert, 0, { maxBytes: first + second })
    expect(page.kind === 'events' && page.events.map((e) => e.id)).toEqual([1, 2])
    const smaller = marketplace.replay(expert, 0, { maxBytes: first + second - 1 })
    expect(smaller.kind === 'events' && [smaller.events.map((e) => e.id), smaller.hasMore]).toEqual([
      [1],
      true,
    ])
  })
})

describe('a change made by a listener as it hears of another', () => {
  const defer = useCleanup()

  it('finds the first change indexed, and both experts find theirs, in order, in the same millisecond', async () => {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const [first, second] = [1, 2].map(() => platform.addExpert().id) as [string, string]
    const { marketplace } = platform.server
    const seenByListener: string[][] = []
    const unsubscribe = marketplace.events.subscribe((expertId, event) => {
      if (expertId !== first || event.type !== 'invite.created' || seenByListener.length > 0) return
      seenByListener.push(marketplace.snapshot(first).openInvites.map((i) => i.request.title))
      platform.inviteDirectly(second, 'Passed on')
      platform.inviteDirectly(first, 'Again')
    })
    platform.inviteDirectly(first, 'Original')
    unsubscribe()
    expect(seenByListener).toEqual([['Original']])
    expect(replayed(platform, first).map((e) => e.id)).toEqual([1, 2])
    expect(openTitles(platform, first)).toEqual(['Original', 'Again'])
    expect(openTitles(platform, second)).toEqual(['Passed on'])
  })
})
