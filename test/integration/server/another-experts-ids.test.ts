// Every command that names an invite, a request or a session, sent by an expert with another
// expert's ids: each is answered as if the thing did not exist (so no expert can learn of another's
// invites or sessions by probing, not even from which refusal comes back), and changes nothing.
import { describe, expect, it } from 'vitest'
import type { CommandName, CommandPayload, Session } from '../../../src/shared/protocol'
import { ofType } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

describe("commands naming another expert's invites, requests and sessions", () => {
  const platform = useTestPlatform()

  it('are each refused as not found, and leave the owner’s invite, session and thread as they were', async () => {
    const owner = platform().addExpert({ name: 'Ada Byron' })
    const ownerSocket = await platform().connect(owner.token)
    platform().inviteDirectly(owner.id, 'VPN drops every hour')
    const taken = await ownerSocket.waitForEvent(ofType('invite.created'))
    const accepted = await ownerSocket.command('invite.accept', {
      inviteId: taken.payload.invite.id,
      proposedTime: null,
    })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const session = (accepted.result as { session: Session }).session
    platform().inviteDirectly(owner.id, 'Printer offline')
    const open = (await ownerSocket.waitForEvent(ofType('invite.created'))).payload.invite

    const { store, db } = platform().server.marketplace
    const thread = db.prepare('SELECT id, body FROM messages WHERE request_id = ? ORDER BY id')
    const now = () => ({
      session: store.session(session.id),
      invite: store.inviteRow(open.id),
      thread: thread.all(session.request.id),
    })
    const before = now()
    const other = platform().addExpert({ name: 'Grace' })
    const otherSocket = await platform().connect(other.token)
    const soon = Date.now() + 86_400_000
    const probes: { [N in CommandName]?: CommandPayload<N> } = {
      'invite.accept': { inviteId: open.id, proposedTime: null },
      'invite.decline': { inviteId: open.id, reason: 'not_my_topic' },
      'message.send': { requestId: session.request.id, body: 'Hello from someone else' },
      'session.join': { sessionId: session.id },
      'session.startBilling': { sessionId: session.id },
      'session.end': { sessionId: session.id, outcome: { kind: 'free' }, closingNote: 'Bye' },
      'session.cancel': { sessionId: session.id, message: 'Cancelled by someone else' },
      'session.proposeTime': { sessionId: session.id, proposedStart: soon },
      'session.setNote': { sessionId: session.id, note: 'mine now' },
    }
    const ids = [open.id, session.request.id, session.id]
    // What comes back, each id named as the same stand-in: the answer to ids that exist for no one.
    const answer = async (name: string, payload: unknown): Promise<string> => {
      const ack = await otherSocket.command(name as CommandName, payload as never)
      const said = ack.ok ? 'done' : `${ack.error.code}: ${ack.error.message}`
      return ids.reduce((text, id) => text.replaceAll(id, 'ID'), said)
    }
    const answers: Record<string, string> = {}
    const missing: Record<string, string> = {}
    for (const [name, payload] of Object.entries(probes)) {
      answers[name] = await answer(name, payload)
      const nowhere = ids.reduce((json, id) => json.replaceAll(id, `${id}_missing`), JSON.stringify(payload))
      missing[name] = (await answer(name, JSON.parse(nowhere))).replaceAll('ID_missing', 'ID')
    }
    expect(Object.values(answers).every((said) => said.startsWith('not_found: '))).toBe(true)
    // Word for word as for ids no one has: the refusal tells nothing of whose they are.
    expect(answers).toEqual(missing)
    expect(now()).toEqual(before)
  })
})
