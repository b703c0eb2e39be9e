import { describe, expect, it } from 'vitest'
import type { PlatformEvent } from '../../../src/shared/protocol'
import { chainDigest } from '../../../server/src/event-digest'
import { useTestPlatform } from '../../support/test-platform'

/** The event as it was before its digest was added: what the digest is taken over. */
function unsignedJson(event: PlatformEvent): string {
  const { digest: _digest, ...unsigned } = event
  return JSON.stringify(unsigned)
}

describe('a request fanned out to several experts', () => {
  const platform = useTestPlatform()

  it("sends each expert the event it stores, chained to that expert's previous one", async () => {
    const tag = 'fan-out-events'
    const experts = [1, 2, 3].map(() => platform().addExpert({ tags: [tag] }))
    const sockets = await Promise.all(experts.map((e) => platform().connect(e.token)))
    // One earlier event each, so every chain has a link before the fan-out's.
    for (const e of experts) platform().inviteDirectly(e.id, 'A first request')
    await Promise.all(sockets.map((s) => s.waitForCount(1)))

    const clientId = platform().addClient('Zoë "Quotes" \\ Backslash')
    const created = platform().server.marketplace.createRequest({
      clientId,
      title: 'Escape "this" \\ and \u2028 that 🚀',
      description: 'Line one.\nA "json-slot" string, and </script> too.',
      kind: 'instant',
      tags: [tag],
      fanOut: 3,
    })
    expect([...created.invitedExpertIds].sort()).toEqual(experts.map((e) => e.id).sort())
    await Promise.all(sockets.map((s) => s.waitForCount(2)))

    for (const socket of sockets) {
      const [first, live] = socket.events.slice(-2) as [PlatformEvent, PlatformEvent]
      const page = await socket.replay(0)
      if (page.kind !== 'events') throw new Error('expected events')
      // Replay gives what the socket got live, byte for byte once serialized.
      expect(page.events.map((e) => JSON.stringify(e))).toEqual([first, live].map((e) => JSON.stringify(e)))
      expect(live).toMatchObject({
        type: 'invite.created',
        payload: { invite: { request: { id: created.request.id, title: created.request.title } } },
      })
      expect(live.digest).toBe(chainDigest(first.digest as string, unsignedJson(live)))
    }
  })
})

describe('a request fanned out to experts with several connections', () => {
  const platform = useTestPlatform()

  it('reaches every connection of each expert, in order, written straight to each socket', async () => {
    const tag = 'fan-out-connections'
    const [many, one] = [platform().addExpert({ tags: [tag] }), platform().addExpert({ tags: [tag] })]
    const connections = await Promise.all([many, many, many, one].map((e) => platform().connect(e.token)))
    const { io } = platform().server
    const broadcastTo: unknown[] = []
    const to = io.sockets.to.bind(io.sockets)
    io.sockets.to = (room) => {
      broadcastTo.push(room)
      return to(room)
    }
    const ids = ['First', 'Second'].map(
      (title) =>
        platform().server.marketplace.createRequest({
          clientId: platform().addClient(),
          title,
          kind: 'instant',
          tags: [tag],
          fanOut: 2,
        }).request.id,
    )
    for (const connection of connections) {
      await connection.waitForCount(2)
      expect(
        connection.events.map((e) => e.type === 'invite.created' && e.payload.invite.request.id),
      ).toEqual(ids)
    }
    // socket.io's broadcast builds objects per event that a fan-out throws away at once.
    expect(broadcastTo).toEqual([])
  })
})

describe('a request stored once for all its invites', () => {
  const platform = useTestPlatform()

  it('replays each invite with its request, and a catch-up page counts the bytes as sent', () => {
    const expert = platform().addExpert()
    const long = 'A long description that is most of every invite. '.repeat(40).trim()
    for (const title of ['One', 'Two', 'Three']) {
      platform().server.marketplace.createRequest({
        clientId: platform().addClient(),
        title,
        description: long,
        kind: 'instant',
        direct: { expertId: expert.id, via: 'dashboard' },
      })
    }
    const all = platform().server.marketplace.replay(expert.id, 0)
    if (all.kind !== 'events') throw new Error('expected events')
    expect(
      all.events.map((e) => e.type === 'invite.created' && e.payload.invite.request.description),
    ).toEqual([long, long, long])
    const sizes = all.events.map((e) => Buffer.byteLength(JSON.stringify(e)))
    // Room for two invites as sent, not for three: the request's text counts in each.
    const page = platform().server.marketplace.replay(expert.id, 0, {
      maxBytes: (sizes[0] ?? 0) + (sizes[1] ?? 0),
    })
    expect(page.kind === 'events' && [page.events.length, page.hasMore]).toEqual([2, true])
  })
})
