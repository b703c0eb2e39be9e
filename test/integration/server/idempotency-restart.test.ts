import { describe, expect, it } from 'vitest'
import type { CommandName } from '../../../src/shared/protocol'
import { changedParts, validPayloads } from '../../support/command-payloads'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

describe('idempotency keys across a platform restart', () => {
  const platform = useTestPlatform()

  it('answer every command’s exact repeat as before the restart, and refuse the key for another payload', async () => {
    const expert = platform().addExpert()
    const before = await platform().connect(expert.token)
    platform().inviteDirectly(expert.id, 'Accepted before the restart')
    await before.waitForCount(1)
    const inviteId = before.events.filter(ofType('invite.created'))[0]!.payload.invite.id
    const payloads = { ...validPayloads, 'invite.accept': { inviteId, proposedTime: null } }
    const names = Object.keys(payloads) as CommandName[]
    const first = new Map<CommandName, unknown>()
    for (const name of names)
      first.set(name, await before.raw({ name, idempotencyKey: `kept-${name}`, payload: payloads[name] }))
    expect(first.get('invite.accept')).toMatchObject({ ok: true })
    before.socket.disconnect()

    await platform().stopServer()
    await platform().startServer()
    const after = await platform().connect(expert.token)
    for (const name of names) {
      const key = `kept-${name}`
      // The accept is not carried out again (it would be refused as accepted already): its first answer stands.
      expect(await after.raw({ name, idempotencyKey: key, payload: payloads[name] }), name).toEqual(
        first.get(name),
      )
      const changed = { ...payloads[name], ...changedParts[name] }
      expect(await after.raw({ name, idempotencyKey: key, payload: changed }), name).toMatchObject({
        ok: false,
        error: { code: 'idempotency_key_reused' },
      })
    }
  })
})
