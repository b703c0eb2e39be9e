import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { startTestPlatform, type TestPlatform } from '../../support/test-platform'

describe('one matched invite to 50 experts', () => {
  let platform: TestPlatform
  let experts: Array<{ id: string; connection: ExpertConnection }>

  beforeAll(async () => {
    platform = await startTestPlatform()
    experts = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const { id, token } = platform.addExpert({ tags: ['react'] })
        return { id, connection: await platform.connect(token) }
      }),
    )
  })
  afterAll(() => platform.close())

  it('lets exactly one accept win and tells the other 49 at once that it was taken', async () => {
    const clientId = platform.addClient()
    const created = platform.server.marketplace.createRequest({
      clientId,
      title: 'Hooks confusion',
      kind: 'instant',
      tags: ['react'],
      fanOut: 50,
    })
    expect(created.invitedExpertIds).toHaveLength(50)

    const invites = await Promise.all(experts.map((e) => e.connection.waitForEvent(ofType('invite.created'))))
    for (const invite of invites) expect(invite.payload.invite.reason).toBe('matched')

    const acks = await Promise.all(
      experts.map((e, i) =>
        e.connection.command('invite.accept', {
          inviteId: invites[i]!.payload.invite.id,
          proposedTime: null,
        }),
      ),
    )
    const winners = acks.filter((a) => a.ok)
    const losers = acks.filter((a) => !a.ok)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(49)
    for (const ack of losers) expect(ack.ok === false && ack.error.code).toBe('taken')

    const winnerIndex = acks.findIndex((a) => a.ok)
    await Promise.all(
      experts.map(async (e, i) => {
        const closed = await e.connection.waitForEvent(ofType('invite.closed'))
        expect(closed.payload.reason).toBe(i === winnerIndex ? 'accepted' : 'taken')
      }),
    )
    const sessions = platform.server.marketplace.db
      .prepare('SELECT COUNT(*) AS n FROM sessions WHERE request_id = ?')
      .get(created.request.id) as { n: number }
    expect(sessions.n).toBe(1)
  })
})
