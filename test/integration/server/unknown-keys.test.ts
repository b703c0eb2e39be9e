import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, HTTP_PATHS, REPLAY_EVENT, type CommandAck } from '../../../src/shared/protocol'
import { validPayloads } from '../../support/command-payloads'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

/** A connected expert with an open direct invite; its id. */
async function invited(platform: TestPlatform): Promise<{ socket: ExpertConnection; inviteId: string }> {
  const expert = platform.addExpert()
  const socket = await platform.connect(expert.token)
  platform.inviteDirectly(expert.id, 'Flaky test')
  const created = await socket.waitForEvent(ofType('invite.created'))
  return { socket, inviteId: created.payload.invite.id }
}

const refusedNaming = (key: string) => ({
  ok: false,
  error: { code: 'invalid_payload', message: expect.stringContaining(`"${key}"`) as string },
})

describe('a command with a key the platform does not know', () => {
  const platform = useTestPlatform()

  it('is refused naming the key, in every command’s payload and in the envelope', async () => {
    const { socket } = await invited(platform())
    for (const name of COMMAND_NAMES) {
      const ack = await socket.raw({
        name,
        idempotencyKey: `extra-${name}`,
        payload: { ...validPayloads[name], sessionld: 'ses_x' },
      })
      expect(ack, name).toMatchObject(refusedNaming('sessionld'))
    }
    const envelope = {
      name: 'session.join',
      idempotencyKey: 'extra-envelope',
      payload: { sessionId: 'ses_x' },
    }
    expect(await socket.raw({ ...envelope, idempotencykey: 'x' })).toMatchObject(
      refusedNaming('idempotencykey'),
    )
  })

  it('does not end a session otherwise than asked: a misspelt note or a percent beside "charged" changes nothing', async () => {
    const { socket, inviteId } = await invited(platform())
    const accepted = await socket.command('invite.accept', { inviteId, proposedTime: null })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const sessionId = (accepted.result as { session: { id: string } }).session.id
    const end = (payload: Record<string, unknown>): Promise<CommandAck> =>
      socket.raw({
        name: 'session.end',
        idempotencyKey: `end-${Math.random()}`,
        payload: { sessionId, ...payload },
      })

    expect(await end({ outcome: { kind: 'charged', percent: 50 } })).toMatchObject(refusedNaming('percent'))
    expect(await end({ outcome: { kind: 'free' }, closingnote: 'Sorry, I cannot help' })).toMatchObject(
      refusedNaming('closingnote'),
    )
    const session = platform().server.marketplace.store.session(sessionId)
    expect(session).toMatchObject({ state: 'live', outcome: null, closingNote: null })
    expect(platform().server.marketplace.thread(session.request.id, session.expertId)).toEqual([])

    expect(await end({ outcome: { kind: 'free' }, closingNote: 'Sorry, I cannot help' })).toMatchObject({
      ok: true,
      result: { session: { state: 'ended', outcome: { kind: 'free' }, closingNote: 'Sorry, I cannot help' } },
    })
  })

  it('leaves an invite open when a decline’s reason is misspelt', async () => {
    const { socket, inviteId } = await invited(platform())
    const ack = await socket.raw({
      name: 'invite.decline',
      idempotencyKey: 'misspelt-reason',
      payload: { inviteId, reasons: 'too_busy' },
    })
    expect(ack).toMatchObject(refusedNaming('reasons'))
    expect(
      platform()
        .server.marketplace.snapshot(socket.welcome.expertId)
        .openInvites.map((i) => i.id),
    ).toEqual([inviteId])
  })
})

describe('a replay with a key the platform does not know', () => {
  const platform = useTestPlatform()

  it('is refused naming the key over the socket, a snapshot position’s own keys included', async () => {
    const { socket } = await invited(platform())
    const replay = (request: unknown): Promise<CommandAck> =>
      socket.socket.timeout(10_000).emitWithAck(REPLAY_EVENT, request) as Promise<CommandAck>
    expect(await replay({ after: 0, maxbytes: 1024 })).toMatchObject(refusedNaming('maxbytes'))
    expect(
      await replay({ after: 0, snapshot: true, snapshotAfter: { list: 'sessions', id: 'ses_x', page: 2 } }),
    ).toMatchObject(refusedNaming('page'))
    expect(await replay({ after: 0, maxBytes: 1024 })).toMatchObject({ ok: true })
  })

  it('is refused over HTTP with 400 naming the parameter', async () => {
    const get = eventsAs(platform(), platform().addExpert().token)
    const refused = await get('after=0&maxbytes=1024')
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      error: { code: 'invalid_payload', message: expect.stringContaining('maxbytes') as string },
    })
    expect((await get('after=0&maxBytes=1024')).status).toBe(200)
  })
})

describe('a replay asking for a snapshot part without asking for a snapshot', () => {
  const platform = useTestPlatform()
  const part = { list: 'sessions', id: 'ses_x' } as const
  const refusedAskingForSnapshot = {
    ok: false,
    error: { code: 'invalid_payload', message: expect.stringContaining('snapshot: true') as string },
  }

  it('is refused over the socket instead of answered as if the part were not named', async () => {
    const { socket } = await invited(platform())
    const replay = (request: unknown): Promise<CommandAck> =>
      socket.socket.timeout(10_000).emitWithAck(REPLAY_EVENT, request) as Promise<CommandAck>
    // A cursor the platform cannot follow: the snapshot's first part came back again, with the
    // same `next`, so a client that left out snapshot: true asked for it for ever.
    for (const after of [0, 1_000_000]) {
      expect(await replay({ after, snapshotAfter: part })).toMatchObject(refusedAskingForSnapshot)
      expect(await replay({ after, snapshot: false, snapshotAfter: part })).toMatchObject(
        refusedAskingForSnapshot,
      )
    }
    expect(await replay({ after: 0, snapshot: true, snapshotAfter: part })).toMatchObject({ ok: true })
  })

  it('is refused over HTTP with 400', async () => {
    const get = eventsAs(platform(), platform().addExpert().token)
    const refused = await get('after=1000000&snapshotAfter=sessions:ses_x')
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      error: { code: 'invalid_payload', message: expect.stringContaining('snapshot: true') as string },
    })
    expect((await get('after=0&snapshot=true&snapshotAfter=sessions:ses_x')).status).toBe(200)
  })
})

/** A GET of `p`'s events route with a query, as the expert holding `token`. */
function eventsAs(
  p: ReturnType<ReturnType<typeof useTestPlatform>>,
  token: string,
): (query: string) => Promise<Response> {
  return (query) =>
    fetch(`${p.server.url}${HTTP_PATHS.events}?${query}`, { headers: { authorization: `Bearer ${token}` } })
}
