import { describe, expect, it } from 'vitest'
import {
  MAX_REPLAY_PAGE,
  MAX_REPLAY_PAGE_BYTES,
  MIN_REPLAY_PAGE_BYTES,
  REPLAY_EVENT,
  type CommandAck,
  type PlatformEvent,
  type Snapshot,
} from '../../../src/shared/protocol'
import { startTestPlatform, useTestPlatform } from '../../support/test-platform'

describe('replay after a disconnect', () => {
  const platform = useTestPlatform({ marketplace: { eventRetention: 150 } })

  function inviteDirectly(expertId: string, clientId: string, count: number): void {
    for (let i = 0; i < count; i++) {
      platform().server.marketplace.createRequest({
        clientId,
        title: `Request ${i}`,
        kind: 'instant',
        direct: { expertId, via: 'dashboard' },
      })
    }
  }

  it('delivers the 100 events that happened while away, once each, in order', async () => {
    const expert = platform().addExpert()
    const clientId = platform().addClient()
    const first = await platform().connect(expert.token)
    inviteDirectly(expert.id, clientId, 3)
    await first.waitForCount(3)
    const cursor = first.events.at(-1)!.id
    first.close()

    inviteDirectly(expert.id, clientId, 100)

    const again = await platform().connect(expert.token)
    expect(again.welcome.latestEventId).toBe(cursor + 100)
    // Pages are bounded in bytes: follow them to the end.
    const events: PlatformEvent[] = []
    for (let more = true; more;) {
      const page = await again.replay(events.at(-1)?.id ?? cursor)
      if (page.kind !== 'events') throw new Error('expected events, got a snapshot')
      events.push(...page.events)
      more = page.hasMore
    }
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, i) => cursor + 1 + i))
    expect(events.map((e) => e.type === 'invite.created' && e.payload.invite.request.title)).toEqual(
      Array.from({ length: 100 }, (_, i) => `Request ${i}`),
    )

    // Live delivery picks up right after the replayed range.
    inviteDirectly(expert.id, clientId, 1)
    const live = await again.waitForCount(1)
    expect(live.id).toBe(cursor + 101)
  })

  it('pages a long replay', async () => {
    const expert = platform().addExpert()
    inviteDirectly(expert.id, platform().addClient(), 25)
    const socket = await platform().connect(expert.token)
    const first = await socket.replay(0, 10)
    expect(first).toMatchObject({ kind: 'events', hasMore: true, latestId: 25 })
    const rest = await socket.replay(10, 100)
    expect(rest.kind === 'events' && rest.events.map((e) => e.id)).toEqual(
      Array.from({ length: 15 }, (_, i) => 11 + i),
    )
  })

  it('sends a snapshot when the cursor is older than the kept events', async () => {
    const expert = platform().addExpert()
    inviteDirectly(expert.id, platform().addClient(), 200)
    platform().server.marketplace.compact()
    const socket = await platform().connect(expert.token)
    // In parts of the platform's budget, though the client named none: followed to the end, they
    // hold every open invite once.
    const parts = await socket.snapshotParts(10)
    expect(parts[0]).toMatchObject({ cursor: 200, expert: { id: expert.id } })
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) expect(JSON.stringify(part).length).toBeLessThan(MAX_REPLAY_PAGE_BYTES + 2_000)
    expect(new Set(parts.flatMap((p) => p.openInvites.map((i) => i.id))).size).toBe(200)
    // A cursor inside the kept range still replays normally.
    const recent = await socket.replay(190)
    expect(recent.kind === 'events' && recent.events).toHaveLength(10)
    // A cursor ahead of the platform (its database was replaced) also gets a snapshot.
    expect((await socket.replay(5_000)).kind).toBe('snapshot')
  })

  it("answers a cursor whose digest is not this stream's with a snapshot that carries the right one", async () => {
    const expert = platform().addExpert()
    inviteDirectly(expert.id, platform().addClient(), 5)
    const socket = await platform().connect(expert.token)
    const all = await socket.replay(0)
    if (all.kind !== 'events') throw new Error('expected events')
    const digests = all.events.map((e) => e.digest)
    expect(new Set(digests).size).toBe(5)
    // The same history: events follow on.
    const followed = await socket.replay(3, undefined, { digest: digests[2] })
    expect(followed.kind === 'events' && followed.events.map((e) => e.id)).toEqual([4, 5])
    // Another history at the same id (a restored backup, a new database): a snapshot.
    const other = await socket.replay(3, undefined, { digest: digests[3] })
    if (other.kind !== 'snapshot') throw new Error('expected a snapshot')
    expect(other.snapshot).toMatchObject({ cursor: 5, cursorDigest: digests[4] })
  })

  it('gives a cursor of 0 the stream’s start as its digest: an expert with no event yet replays from it, checked', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const empty = await socket.replay(0, undefined, { snapshot: true })
    if (empty.kind !== 'snapshot') throw new Error('expected a snapshot')
    const start = empty.snapshot.cursorDigest
    expect(empty.snapshot.cursor).toBe(0)
    expect(start).toMatch(/^[0-9a-f]{32}$/)
    inviteDirectly(expert.id, platform().addClient(), 2)
    const followed = await socket.replay(0, undefined, { digest: start })
    if (followed.kind !== 'events') throw new Error('expected events')
    expect(followed.events.map((e) => e.id)).toEqual([1, 2])
    expect(followed.events.map((e) => e.digest)).not.toContain(start)

    // Another database (created anew, or another platform at the same address) starts elsewhere.
    const other = await startTestPlatform()
    try {
      const elsewhere = await (
        await other.connect(other.addExpert().token)
      ).replay(0, undefined, { snapshot: true })
      if (elsewhere.kind !== 'snapshot') throw new Error('expected a snapshot')
      expect(elsewhere.snapshot.cursorDigest).toMatch(/^[0-9a-f]{32}$/)
      expect(elsewhere.snapshot.cursorDigest).not.toBe(start)
      const refused = await socket.replay(0, undefined, { digest: elsewhere.snapshot.cursorDigest })
      if (refused.kind !== 'snapshot') throw new Error('expected a snapshot for another start')
      expect(refused.snapshot).toMatchObject({ cursor: 2, cursorDigest: followed.events[1]?.digest })
    } finally {
      await other.close()
    }
  })

  it('bounds a page in bytes as well as in events, and always sends at least one event', async () => {
    const expert = platform().addExpert()
    inviteDirectly(expert.id, platform().addClient(), 120)
    const socket = await platform().connect(expert.token)
    const size = (events: unknown[]): number =>
      events.reduce<number>((n, e) => n + JSON.stringify(e).length, 0)
    const full = await socket.replay(0)
    if (full.kind !== 'events') throw new Error('expected events')
    expect(full.hasMore).toBe(true)
    expect(size(full.events)).toBeLessThanOrEqual(MAX_REPLAY_PAGE_BYTES)
    const small = await socket.replay(0, undefined, { maxBytes: MIN_REPLAY_PAGE_BYTES })
    expect(small.kind === 'events' && small.events.map((e) => e.id)).toEqual([1])
  })

  it('refuses a page larger than it sends or smaller than it takes, however a slow link asks, and still answers', async () => {
    const socket = await platform().connect(platform().addExpert().token)
    const asks = [
      { maxBytes: MAX_REPLAY_PAGE_BYTES + 1 },
      { maxBytes: MIN_REPLAY_PAGE_BYTES - 1 },
      { limit: MAX_REPLAY_PAGE + 1 },
      { limit: 0 },
    ]
    for (const ask of asks) {
      const ack = (await socket.socket
        .timeout(5_000)
        .emitWithAck(REPLAY_EVENT, { after: 0, ...ask })) as CommandAck
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    }
    expect((await socket.replay(0)).kind).toBe('events')
  })

  it('refuses a snapshot part asked after a position that is no id, and still answers', async () => {
    const socket = await platform().connect(platform().addExpert().token)
    for (const id of ['\ud800', 'x'.repeat(200), 'two words']) {
      const ack = (await socket.socket.timeout(5_000).emitWithAck(REPLAY_EVENT, {
        after: 0,
        snapshot: true,
        snapshotAfter: { list: 'sessions', id },
      })) as CommandAck
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: /snapshotAfter/ } })
    }
    expect((await socket.replay(0)).kind).toBe('events')
    // Each refusal is logged, as a refused command is, saying why.
    expect(platform().logger.lines.filter((l) => /warn replay refused .*snapshotAfter/.test(l))).toHaveLength(
      3,
    )
  })

  it('leaves out over a threshold it takes, refuses one out of bounds however sent, and still answers', async () => {
    const expert = platform().addExpert()
    const clientId = platform().addClient()
    for (let i = 0; i < 3; i++) {
      platform().server.marketplace.createRequest({
        clientId,
        title: `Request ${i}`,
        description: 'x'.repeat(2 * MIN_REPLAY_PAGE_BYTES),
        kind: 'instant',
        direct: { expertId: expert.id, via: 'dashboard' },
      })
    }
    const socket = await platform().connect(expert.token)
    const ask = (leaveOutOver: unknown) =>
      socket.socket.timeout(5_000).emitWithAck(REPLAY_EVENT, {
        after: 0,
        snapshot: true,
        maxBytes: MAX_REPLAY_PAGE_BYTES,
        leaveOutOver,
      })
    for (const bad of [MIN_REPLAY_PAGE_BYTES - 1, -1, 0, 1.5, 2 ** 53, '4096', null]) {
      expect(await ask(bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', message: /leaveOutOver/ },
      })
    }
    // Each invite's JSON is larger than the least threshold: named, not sent, a part moving on after them.
    const least = (await ask(MIN_REPLAY_PAGE_BYTES)) as { ok: true; result: { snapshot: Snapshot } }
    expect(least.result.snapshot.openInvites).toEqual([])
    expect(least.result.snapshot.leftOut?.map((named) => named.list)).toEqual([
      'openInvites',
      'openInvites',
      'openInvites',
    ])
    const most = (await ask(Number.MAX_SAFE_INTEGER)) as { ok: true; result: { snapshot: Snapshot } }
    expect(most.result.snapshot.leftOut).toBeUndefined()
    const http = (query: string) =>
      fetch(
        `${platform().server.url}/api/events?after=0&snapshot=true&maxBytes=${MAX_REPLAY_PAGE_BYTES}&${query}`,
        {
          headers: { authorization: `Bearer ${expert.token}` },
        },
      )
    for (const bad of ['-1', '1e9', '99999999999999999', '1023', '']) {
      expect((await http(`leaveOutOver=${bad}`)).status).toBe(400)
    }
    const overHttp = (await (await http('leaveOutOver=1024')).json()) as { snapshot: Snapshot }
    expect(overHttp.snapshot.leftOut).toHaveLength(3)
    expect((await socket.replay(0)).kind).toBe('events')
  })

  it('also replays over HTTP with the bearer token', async () => {
    const expert = platform().addExpert()
    inviteDirectly(expert.id, platform().addClient(), 2)
    const res = await fetch(`${platform().server.url}/api/events?after=0`, {
      headers: { authorization: `Bearer ${expert.token}` },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { kind: string; events: unknown[] }
    expect(body.kind).toBe('events')
    expect(body.events).toHaveLength(2)
    const anonymous = await fetch(`${platform().server.url}/api/events?after=0`)
    expect(anonymous.status).toBe(401)
  })
})

describe('a cursor at the event just before the oldest one kept', () => {
  const platform = useTestPlatform()

  it('catches up without a digest, and gets a snapshot with one, since that event is gone and its digest cannot be checked', () => {
    const expert = platform().addExpert().id
    for (const i of [1, 2, 3, 4]) platform().inviteDirectly(expert, `Request ${i}`)
    const { marketplace } = platform().server
    const before = marketplace.replay(expert, 0)
    if (before.kind !== 'events') throw new Error(`expected events, got ${before.kind}`)
    const digestOfSecond = before.events[1]?.digest
    expect(marketplace.events.prune(2)).toBe(2)

    const plain = marketplace.replay(expert, 2)
    expect(plain.kind === 'events' && plain.events.map((e) => e.id)).toEqual([3, 4])
    expect(marketplace.replay(expert, 2, { digest: digestOfSecond }).kind).toBe('snapshot')
    expect(marketplace.replay(expert, 1).kind).toBe('snapshot')
  })
})
