import { describe, expect, it } from 'vitest'
import type { CommandName, CommandPayload, Expert, Session } from '../../../src/shared/protocol'
import { bookScheduled } from '../../support/booking'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const MINUTE = 60_000

describe('presence on the platform', () => {
  const platform = useTestPlatform()
  let keys = 0

  function run<N extends CommandName>(expertId: string, name: N, payload: CommandPayload<N>): unknown {
    const ack = platform().server.marketplace.execute(expertId, {
      name,
      idempotencyKey: `presence-${++keys}`,
      payload,
    })
    if (!ack.ok) throw new Error(ack.error.message)
    return ack.result
  }
  const expert = (id: string): Expert => platform().server.marketplace.store.expert(id)
  const presence = (id: string): Pick<Expert, 'availability' | 'onlineUntil' | 'availabilityCause'> => {
    const { availability, onlineUntil, availabilityCause } = expert(id)
    return { availability, onlineUntil, availabilityCause }
  }

  /** The expert accepts a direct instant request: the session is live at once. */
  function acceptDirect(expertId: string, title: string): Session {
    const { request } = platform().inviteDirectly(expertId, title)
    const inviteId = platform()
      .server.marketplace.db.prepare('SELECT id FROM invites WHERE request_id = ?')
      .pluck()
      .get(request.id) as string
    return (run(expertId, 'invite.accept', { inviteId, proposedTime: null }) as { session: Session }).session
  }

  /** An expert with a unique tag, in an instant session that went live on accepting. */
  function inInstantSession(tag: string): { id: string; session: Session } {
    const ada = platform().addExpert({ tags: [tag] })
    return { id: ada.id, session: acceptDirect(ada.id, 'Quick question') }
  }

  it('sets a live session’s expert busy and passes them by for matched requests, not direct ones', async () => {
    const { id: busyId } = inInstantSession('rust-busy')
    const free = platform().addExpert({ tags: ['rust-busy'] })
    expect(presence(busyId)).toEqual({
      availability: 'busy',
      onlineUntil: null,
      availabilityCause: 'session',
    })

    const matched = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Borrow checker',
      kind: 'instant',
      tags: ['rust-busy'],
    })
    expect(matched.invitedExpertIds).toEqual([free.id])

    const socket = await platform().connect(platform().server.tokens.issue(busyId, platform().clock.now()))
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Only you can help',
      kind: 'instant',
      direct: { expertId: busyId, via: 'profile' },
    })
    const direct = await socket.waitForEvent(ofType('invite.created'))
    expect(direct.payload.invite.reason).toBe('direct_profile')
  })

  it('still offers a session’s busy expert matched scheduled requests, which are for later', () => {
    const { id: inSession } = inInstantSession('elixir-later')
    const choseBusy = platform().addExpert({ tags: ['elixir-later'] })
    run(choseBusy.id, 'availability.set', { availability: 'busy', onlineUntil: null })
    const later = platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'GenServer design',
      kind: 'scheduled',
      tags: ['elixir-later'],
      proposedTimes: [platform().clock.now() + 24 * 60 * MINUTE],
    })
    expect(later.invitedExpertIds).toEqual([inSession])
  })

  it('invites nobody whose "online until" has passed, before the timed rule switched them away', () => {
    const ada = platform().addExpert({ tags: ['until-passed'] })
    const until = platform().clock.now() + 30 * MINUTE
    run(ada.id, 'availability.set', { availability: 'online', onlineUntil: until })
    // In a session that went live while they were online until then: the session's busy ends at it.
    const bea = platform().addExpert({ tags: ['until-passed-later'] })
    run(bea.id, 'availability.set', { availability: 'online', onlineUntil: until })
    acceptDirect(bea.id, 'Quick question')
    const busy = inInstantSession('until-passed-later')
    // The wall clock set forward past the time: the rule that switches them away runs a moment later.
    platform().clock.step(31 * MINUTE)
    const { marketplace } = platform().server
    const clientId = platform().addClient()
    const now = platform().clock.now()
    const instant = marketplace.createRequest({
      clientId,
      title: 'Now',
      kind: 'instant',
      tags: ['until-passed'],
    })
    expect(instant.invitedExpertIds).toEqual([])
    const later = marketplace.createRequest({
      clientId,
      title: 'Later',
      kind: 'scheduled',
      tags: ['until-passed-later'],
      proposedTimes: [now + 24 * 60 * MINUTE],
    })
    expect(later.invitedExpertIds).toEqual([busy.id])
  })

  it('returns to what the expert had before the session when it ends, across a platform restart', async () => {
    const ada = platform().addExpert()
    const until = platform().clock.now() + 8 * 60 * MINUTE
    run(ada.id, 'availability.set', { availability: 'online', onlineUntil: until })
    const start = platform().clock.now() + 30 * MINUTE
    bookScheduled(platform(), { expertId: ada.id, clientId: platform().addClient(), title: 'Later', start })
    expect(presence(ada.id).availability).toBe('online')
    const sessionId = platform()
      .server.marketplace.db.prepare(`SELECT id FROM sessions WHERE expert_id = ?`)
      .pluck()
      .get(ada.id) as string

    platform().clock.advanceTo(start)
    run(ada.id, 'session.join', { sessionId })
    expect(presence(ada.id)).toEqual({
      availability: 'busy',
      onlineUntil: null,
      availabilityCause: 'session',
    })
    await platform().stopServer()
    await platform().startServer()
    run(ada.id, 'session.end', { sessionId, outcome: { kind: 'free' } })
    expect(presence(ada.id)).toEqual({
      availability: 'online',
      onlineUntil: until,
      availabilityCause: 'chosen',
    })
  })

  it('keeps what the expert chose during a session when it ends', () => {
    const { id, session } = inInstantSession('go-chosen')
    run(id, 'availability.set', { availability: 'away', onlineUntil: null })
    run(id, 'session.end', { sessionId: session.id, outcome: { kind: 'free' } })
    expect(presence(id)).toEqual({ availability: 'away', onlineUntil: null, availabilityCause: 'chosen' })
  })

  it('returns an expert who had chosen busy or offline to that choice when the session ends', () => {
    for (const chosen of ['busy', 'offline'] as const) {
      const ada = platform().addExpert()
      run(ada.id, 'availability.set', { availability: chosen, onlineUntil: null })
      const session = acceptDirect(ada.id, `Asked while ${chosen}`)
      expect(presence(ada.id).availabilityCause).toBe('session')
      run(ada.id, 'session.end', { sessionId: session.id, outcome: { kind: 'free' } })
      expect(presence(ada.id)).toEqual({
        availability: chosen,
        onlineUntil: null,
        availabilityCause: 'chosen',
      })
    }
  })

  it('stays busy until the last of two live sessions ends', () => {
    const { id, session: first } = inInstantSession('two-live')
    const second = acceptDirect(id, 'Second one')
    run(id, 'session.end', { sessionId: first.id, outcome: { kind: 'free' } })
    expect(presence(id).availability).toBe('busy')
    run(id, 'session.end', { sessionId: second.id, outcome: { kind: 'free' } })
    expect(presence(id)).toEqual({ availability: 'online', onlineUntil: null, availabilityCause: 'chosen' })
  })

  it('returns from busy when the platform cancels a live session the client never joined', () => {
    const { id, session } = inInstantSession('auto-cancel')
    expect(presence(id).availability).toBe('busy')
    platform().clock.advanceTo(session.bookedStart + 10 * MINUTE)
    platform().server.marketplace.sweep()
    expect(platform().server.marketplace.store.session(session.id).state).toBe('cancelled')
    expect(presence(id)).toEqual({ availability: 'online', onlineUntil: null, availabilityCause: 'chosen' })
  })

  it('switches an online expert away while idle and back, saying for how long they were idle', () => {
    const ada = platform().addExpert()
    expect(run(ada.id, 'availability.auto', { change: 'idle', idleMinutes: 10 })).toEqual({
      availability: 'away',
      onlineUntil: null,
      availabilityCause: 'idle',
    })
    expect(expert(ada.id).idleMinutes).toBe(10)
    run(ada.id, 'availability.auto', { change: 'screen_locked', idleMinutes: null })
    expect(presence(ada.id).availabilityCause).toBe('screen_locked')
    run(ada.id, 'availability.auto', { change: 'back', idleMinutes: null })
    expect(presence(ada.id)).toEqual({
      availability: 'online',
      onlineUntil: null,
      availabilityCause: 'chosen',
    })
  })

  it('never overrides an away, busy or offline the expert chose, nor a session’s busy', () => {
    const { id: inSession } = inInstantSession('auto-busy')
    run(inSession, 'availability.auto', { change: 'idle', idleMinutes: 10 })
    expect(presence(inSession).availabilityCause).toBe('session')

    for (const chosen of ['away', 'busy', 'offline'] as const) {
      const ada = platform().addExpert()
      run(ada.id, 'availability.set', { availability: chosen, onlineUntil: null })
      run(ada.id, 'availability.auto', { change: 'screen_locked', idleMinutes: null })
      run(ada.id, 'availability.auto', { change: 'back', idleMinutes: null })
      expect(presence(ada.id)).toEqual({
        availability: chosen,
        onlineUntil: null,
        availabilityCause: 'chosen',
      })
    }
  })

  it('does not bring back an expert who chose away after the idle rule set it', () => {
    const ada = platform().addExpert()
    run(ada.id, 'availability.auto', { change: 'idle', idleMinutes: 10 })
    run(ada.id, 'availability.set', { availability: 'away', onlineUntil: null })
    run(ada.id, 'availability.auto', { change: 'back', idleMinutes: null })
    expect(presence(ada.id)).toEqual({ availability: 'away', onlineUntil: null, availabilityCause: 'chosen' })
  })

  it('returns an idle expert who joins a session to online, not to away, when it ends', () => {
    const ada = platform().addExpert()
    run(ada.id, 'availability.auto', { change: 'idle', idleMinutes: 10 })
    const session = acceptDirect(ada.id, 'While idle')
    run(ada.id, 'session.end', { sessionId: session.id, outcome: { kind: 'free' } })
    expect(presence(ada.id)).toEqual({
      availability: 'online',
      onlineUntil: null,
      availabilityCause: 'chosen',
    })
  })

  it('ends an "online until" that passed while the idle rule held the expert away', () => {
    const ada = platform().addExpert()
    const until = platform().clock.now() + 30 * MINUTE
    run(ada.id, 'availability.set', { availability: 'online', onlineUntil: until })
    run(ada.id, 'availability.auto', { change: 'idle', idleMinutes: 10 })
    platform().clock.advanceTo(until + MINUTE)
    run(ada.id, 'availability.auto', { change: 'back', idleMinutes: null })
    expect(presence(ada.id)).toEqual({
      availability: 'away',
      onlineUntil: null,
      availabilityCause: 'online_until',
    })
  })
})
