import { describe, expect, it } from 'vitest'
import { adminFetch } from '../../support/admin-api'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

describe('a client withdrawing a request as experts accept it', () => {
  const platform = useTestPlatform()

  it('lets exactly one of them win, and writes no half state whichever it is', async () => {
    const experts = [platform().addExpert({ tags: ['rust'] }), platform().addExpert({ tags: ['rust'] })]
    const sockets = await Promise.all(experts.map((e) => platform().connect(e.token)))
    const { request } = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Borrow checker',
      kind: 'instant',
      tags: ['rust'],
      fanOut: 2,
    })
    const invites = await Promise.all(
      sockets.map(async (s) => (await s.waitForEvent(ofType('invite.created'))).payload.invite.id),
    )
    // Sent together, on two connections: either may be read first, and exactly one of them wins.
    const [first, second, withdrawal] = await Promise.all([
      sockets[0]!.command('invite.accept', { inviteId: invites[0]!, proposedTime: null }),
      sockets[1]!.command('invite.accept', { inviteId: invites[1]!, proposedTime: null }),
      adminFetch(platform().server, 'POST', `/admin/requests/${request.id}/withdraw`),
    ])
    const db = platform().server.marketplace.db
    const states = {
      request: db.prepare('SELECT state FROM requests WHERE id = ?').get(request.id),
      invites: db.prepare('SELECT state FROM invites WHERE request_id = ? ORDER BY state').all(request.id),
      sessions: db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE request_id = ?').get(request.id),
    }
    if (withdrawal.status === 200) {
      expect([first, second]).toEqual([first, second].map(() => expect.objectContaining({ ok: false })))
      expect(states).toEqual({
        request: { state: 'withdrawn' },
        invites: [{ state: 'withdrawn' }, { state: 'withdrawn' }],
        sessions: { n: 0 },
      })
      return
    }
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1)
    expect([first, second].find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: 'taken' } })
    expect(withdrawal.status).toBe(409)
    expect(states).toEqual({
      request: { state: 'booked' },
      invites: [{ state: 'accepted' }, { state: 'taken' }],
      sessions: { n: 1 },
    })
  })

  it('says a request taken is for cancelling, one withdrawn already has nothing to withdraw, and an unknown one to check its id', async () => {
    const expert = platform().addExpert()
    const { request } = platform().inviteDirectly(expert.id, 'Gone twice')
    const withdraw = async (id: string) => {
      const answer = await adminFetch(platform().server, 'POST', `/admin/requests/${id}/withdraw`)
      return {
        status: answer.status,
        message: ((await answer.json()) as { error?: { message: string } }).error?.message,
      }
    }
    const socket = await platform().connect(expert.token)
    platform().inviteDirectly(expert.id, 'Taken first')
    const taken = (await socket.waitForEvent(ofType('invite.created'))).payload.invite
    const accepted = await socket.command('invite.accept', { inviteId: taken.id, proposedTime: null })
    expect(accepted.ok).toBe(true)
    expect(await withdraw(taken.request.id)).toEqual({
      status: 409,
      message: `An expert already took request ${taken.request.id}, so it can no longer be withdrawn; cancel its session instead.`,
    })
    expect((await withdraw(request.id)).status).toBe(200)
    expect(await withdraw(request.id)).toEqual({
      status: 409,
      message: `Request ${request.id} was already withdrawn.`,
    })
    expect(await withdraw('req_nothing')).toEqual({
      status: 404,
      message: 'No request req_nothing; check its id.',
    })
  })
})
