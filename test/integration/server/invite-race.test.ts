import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandAck } from '../../../src/shared/protocol'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { seededRandom } from '../../support/mutation-fuzz'
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

const EXPERTS = 10_000
/** Experts that accept over a real socket of their own; the rest go straight into the command path. */
const ON_SOCKETS = 1_000
/**
 * Ten thousand experts are added and a thousand sockets opened: seconds on a busy machine. Only
 * those on sockets get a token: a token and a commit for each of the others doubled the test's
 * setup, and under a busy machine's load took it past this bound.
 */
const RACE_TIMEOUT = { timeout: 120_000 }

describe('one matched invite to 10,000 experts', RACE_TIMEOUT, () => {
  let platform: TestPlatform
  afterAll(() => platform?.close())

  it('lets exactly one of 10,000 accepts win, refuses every other with `taken`, and tells each expert it is taken', async () => {
    platform = await startTestPlatform()
    const experts = platform.addExperts(EXPERTS, { tags: ['rust'] }).map((id) => ({ id }))
    // Every socket is open before the invite goes out, so each hears the closing live.
    const sockets = new Map<string, ExpertConnection>()
    const rand = seededRandom(10_000)
    const shuffled = [...experts].sort(() => rand() - 0.5)
    for (let i = 0; i < ON_SOCKETS; i += 250) {
      const batch = shuffled.slice(i, Math.min(i + 250, ON_SOCKETS))
      const token = (id: string): string => platform.server.tokens.issue(id, platform.clock.now())
      const opened = await Promise.all(batch.map((e) => platform.connect(token(e.id))))
      batch.forEach((e, n) => sockets.set(e.id, opened[n]!))
    }
    const created = platform.server.marketplace.createRequest({
      clientId: platform.addClient(),
      title: 'Borrow checker fight',
      kind: 'instant',
      tags: ['rust'],
      fanOut: EXPERTS,
    })
    expect(created.invitedExpertIds).toHaveLength(EXPERTS)
    const inviteOf = new Map(
      platform.server.marketplace.db
        .prepare('SELECT expert_id, id FROM invites WHERE request_id = ?')
        .all(created.request.id)
        .map((row) => {
          const { expert_id, id } = row as { expert_id: string; id: string }
          return [expert_id, id]
        }),
    )

    // Every expert accepts, in a shuffled order, the socket ones and the others interleaved: the
    // socket commands reach the platform between the others, so any of them can come first.
    const acks: Array<Promise<CommandAck>> = []
    for (let i = 0; i < EXPERTS; i += 100) {
      for (const expert of shuffled.slice(i, i + 100)) {
        const envelope = {
          name: 'invite.accept',
          idempotencyKey: `accept-${expert.id}`,
          payload: { inviteId: inviteOf.get(expert.id), proposedTime: null },
        }
        const socket = sockets.get(expert.id)
        acks.push(
          socket !== undefined
            ? socket.raw(envelope)
            : Promise.resolve(platform.server.marketplace.execute(expert.id, envelope)),
        )
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    const answers = await Promise.all(acks)

    const winners = shuffled.filter((_, i) => answers[i]!.ok)
    expect(winners).toHaveLength(1)
    const refusals = answers.flatMap((a) => (a.ok ? [] : [a.error]))
    expect(refusals).toHaveLength(EXPERTS - 1)
    for (const refusal of refusals)
      expect(refusal).toEqual({ code: 'taken', message: 'Another expert already took this session.' })

    // Told at once on every open socket; in the stream of every other expert for their next replay.
    const winner = winners[0]!.id
    await Promise.all(
      [...sockets].map(async ([id, connection]) => {
        const closed = await connection.waitForEvent(ofType('invite.closed'))
        expect(closed.payload.reason).toBe(id === winner ? 'accepted' : 'taken')
      }),
    )
    const states = platform.server.marketplace.db
      .prepare('SELECT state, COUNT(*) AS n FROM invites WHERE request_id = ? GROUP BY state ORDER BY state')
      .all(created.request.id)
    expect(states).toEqual([
      { state: 'accepted', n: 1 },
      { state: 'taken', n: EXPERTS - 1 },
    ])
    for (const { id } of experts) {
      const page = platform.server.marketplace.replay(id, 0)
      const closings = page.kind === 'events' ? page.events.filter((e) => e.type === 'invite.closed') : []
      expect(closings.map((e) => e.type === 'invite.closed' && e.payload.reason)).toEqual([
        id === winner ? 'accepted' : 'taken',
      ])
    }
    const sessions = platform.server.marketplace.db
      .prepare('SELECT expert_id FROM sessions WHERE request_id = ?')
      .pluck()
      .all(created.request.id)
    expect(sessions).toEqual([winner])
  })
})
