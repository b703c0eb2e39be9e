import { describe, expect, it } from 'vitest'
import type { CommandName } from '../../../src/shared/protocol'
import { changedParts as otherwise, validPayloads } from '../../support/command-payloads'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

describe('an idempotency key is bound to its command and payload', () => {
  const platform = useTestPlatform()

  async function expertWithTwoInvites() {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const first = platform().inviteDirectly(expert.id, 'First')
    const second = platform().inviteDirectly(expert.id, 'Second')
    await socket.waitForCount(2)
    const inviteOf = (requestId: string): string =>
      socket.events.filter(ofType('invite.created')).find((e) => e.payload.invite.request.id === requestId)!
        .payload.invite.id
    return { expert, socket, first: inviteOf(first.request.id), second: inviteOf(second.request.id) }
  }

  it('refuses the key reused for another invite and leaves that invite open', async () => {
    const { socket, first, second } = await expertWithTwoInvites()
    const accepted = await socket.command(
      'invite.accept',
      { inviteId: first, proposedTime: null },
      'key-accept-1',
    )
    expect(accepted.ok).toBe(true)
    const reused = await socket.command(
      'invite.accept',
      { inviteId: second, proposedTime: null },
      'key-accept-1',
    )
    expect(reused).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
    if (!reused.ok) expect(reused.error.message).toMatch(/new key/)
    const inviteRow = platform()
      .server.marketplace.db.prepare('SELECT state FROM invites WHERE id = ?')
      .get(second) as { state: string }
    expect(inviteRow.state).toBe('open')
    // The second invite can still be taken with a fresh key.
    const fresh = await socket.command(
      'invite.accept',
      { inviteId: second, proposedTime: null },
      'key-accept-2',
    )
    expect(fresh.ok).toBe(true)
  })

  it('answers an exact repeat with the first answer, whatever the key order of the payload', async () => {
    const { socket, first } = await expertWithTwoInvites()
    const accepted = await socket.command(
      'invite.accept',
      { inviteId: first, proposedTime: null },
      'key-repeat-1',
    )
    const repeat = await socket.raw({
      payload: { proposedTime: null, inviteId: first },
      idempotencyKey: 'key-repeat-1',
      name: 'invite.accept',
    })
    expect(repeat).toEqual(accepted)
  })

  it('refuses availability.set with a new value under an old key, and keeps the old value', async () => {
    const { expert, socket } = await expertWithTwoInvites()
    const away = await socket.command(
      'availability.set',
      { availability: 'away', onlineUntil: null },
      'key-avail-1',
    )
    expect(away).toMatchObject({ ok: true, result: { availability: 'away' } })
    const busy = await socket.command(
      'availability.set',
      { availability: 'busy', onlineUntil: null },
      'key-avail-1',
    )
    expect(busy).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
    expect(platform().server.marketplace.store.expert(expert.id).availability).toBe('away')
  })

  it('names the key of availability.set in the one event it makes, so the device that chose it knows its own', async () => {
    const { socket } = await expertWithTwoInvites()
    const key = 'key-avail-event'
    const updated = socket.waitForEvent(ofType('expert.updated'))
    const set = { availability: 'away', onlineUntil: null } as const
    expect(await socket.command('availability.set', set, key)).toMatchObject({ ok: true })
    expect((await updated).payload).toMatchObject({ expert: { availability: 'away' }, idempotencyKey: key })
    // Repeated under its key: the first answer, and no second event.
    expect(await socket.command('availability.set', set, key)).toMatchObject({ ok: true })
    const replay = await socket.replay(0)
    const named = replay.kind === 'events' ? replay.events.filter((e) => 'idempotencyKey' in e.payload) : []
    expect(named.map((e) => e.type === 'expert.updated' && e.payload.idempotencyKey)).toEqual([key])
  })

  it('refuses the key reused for another command, and a refusal is bound to its payload too', async () => {
    const { socket, first } = await expertWithTwoInvites()
    const declined = await socket.command('invite.decline', { inviteId: first }, 'key-cross-1')
    expect(declined.ok).toBe(true)
    const other = await socket.command('session.join', { sessionId: 'ses_nope' }, 'key-cross-1')
    expect(other).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
    const refused = await socket.command('session.join', { sessionId: 'ses_nope' }, 'key-cross-2')
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await socket.command('session.join', { sessionId: 'ses_nope' }, 'key-cross-2')).toEqual(refused)
    const elsewhere = await socket.command('session.join', { sessionId: 'ses_other' }, 'key-cross-2')
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
  })

  it('keeps keys apart between experts', async () => {
    const a = await expertWithTwoInvites()
    const b = await expertWithTwoInvites()
    const ackA = await a.socket.command(
      'invite.accept',
      { inviteId: a.first, proposedTime: null },
      'key-shared-1',
    )
    const ackB = await b.socket.command(
      'invite.accept',
      { inviteId: b.first, proposedTime: null },
      'key-shared-1',
    )
    expect(ackA.ok && ackB.ok).toBe(true)
    expect(ackA).not.toEqual(ackB)
  })

  it('binds the key to the payload for every command, answered or refused', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    for (const name of Object.keys(validPayloads) as CommandName[]) {
      const key = `key-every-${name}`
      const first = await socket.raw({ name, idempotencyKey: key, payload: validPayloads[name] })
      const changed = { ...validPayloads[name], ...otherwise[name] }
      const reused = await socket.raw({ name, idempotencyKey: key, payload: changed })
      expect(reused, name).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } })
      // The first answer stands for the exact repeat, and the changed payload runs under a new key.
      expect(await socket.raw({ name, idempotencyKey: key, payload: validPayloads[name] }), name).toEqual(
        first,
      )
      const fresh = await socket.raw({ name, idempotencyKey: `${key}-fresh`, payload: changed })
      expect(fresh, name).not.toMatchObject({ error: { code: 'idempotency_key_reused' } })
    }
  })
})
