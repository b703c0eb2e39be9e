// The expert's private note on a session: set, replaced, cleared and refused through the command,
// kept across any state, carried on session.updated and in a snapshot, never on the room page,
// and never settable by another expert; and the closing note an older platform stored as nothing
// to read, sent as no note.
import { describe, expect, it } from 'vitest'
import { PRIVATE_NOTE_MAX, PlatformEvent, Session } from '../../../src/shared/protocol'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const NOTE = 'Client prefers email; the VPN fix worked <b>twice</b>'

describe('private notes on sessions', () => {
  const platform = useTestPlatform()

  async function takeSession(): Promise<{ session: Session; socket: ExpertConnection }> {
    const expert = platform().addExpert({ name: 'Ada Byron' })
    const socket = await platform().connect(expert.token)
    platform().inviteDirectly(expert.id, 'VPN drops every hour')
    const invite = await socket.waitForEvent(ofType('invite.created'))
    const ack = await socket.command('invite.accept', {
      inviteId: invite.payload.invite.id,
      proposedTime: null,
    })
    if (!ack.ok) throw new Error(ack.error.message)
    return { session: (ack.result as { session: Session }).session, socket }
  }

  const noteOf = (ack: { ok: boolean; result?: unknown }): string =>
    (ack.result as { session: Session }).session.privateNote

  it('sets, replaces and clears the note, each change sent as session.updated and kept in the snapshot', async () => {
    const { session, socket } = await takeSession()
    expect(session.privateNote).toBe('')

    const set = await socket.command('session.setNote', {
      sessionId: session.id,
      note: `  ${NOTE}\r\nline two `,
    })
    expect(set.ok).toBe(true)
    expect(noteOf(set)).toBe(`${NOTE}\nline two`)
    const updated = await socket.waitForEvent(
      (e) => e.type === 'session.updated' && e.payload.session.privateNote !== '',
    )
    expect(updated.type === 'session.updated' && updated.payload.session.privateNote).toBe(
      `${NOTE}\nline two`,
    )

    const snapshot = platform().server.marketplace.snapshot(session.expertId)
    expect(snapshot.sessions.find((s) => s.id === session.id)?.privateNote).toBe(`${NOTE}\nline two`)

    const cleared = await socket.command('session.setNote', { sessionId: session.id, note: '   ' })
    expect(cleared.ok).toBe(true)
    expect(noteOf(cleared)).toBe('')
  })

  it('keeps a note on an ended session, and the same key answers a retry without a second event', async () => {
    const { session, socket } = await takeSession()
    expect(
      (await socket.command('session.end', { sessionId: session.id, outcome: { kind: 'free' } })).ok,
    ).toBe(true)
    const first = await socket.command('session.setNote', { sessionId: session.id, note: NOTE }, 'note-key-1')
    const again = await socket.command('session.setNote', { sessionId: session.id, note: NOTE }, 'note-key-1')
    expect(again).toEqual(first)
    const replay = platform().server.marketplace.replay(session.expertId, 0, {})
    const withNote =
      replay.kind === 'events'
        ? replay.events
            .map((e) => PlatformEvent.parse(e))
            .filter((e) => e.type === 'session.updated' && e.payload.session.privateNote === NOTE)
        : []
    expect(withNote).toHaveLength(1)
    expect(withNote[0]?.type === 'session.updated' && withNote[0].payload.session.state).toBe('ended')
  })

  it('refuses a note over the limit, and keeps the one it had', async () => {
    const { session, socket } = await takeSession()
    await socket.command('session.setNote', { sessionId: session.id, note: NOTE })
    const tooLong = await socket.command('session.setNote', {
      sessionId: session.id,
      note: 'x'.repeat(PRIVATE_NOTE_MAX + 1),
    })
    expect(tooLong.ok).toBe(false)
    expect(!tooLong.ok && tooLong.error.code).toBe('invalid_payload')
    expect(!tooLong.ok && tooLong.error.message).toMatch(/note/)
    expect(platform().server.marketplace.store.session(session.id).privateNote).toBe(NOTE)
  })

  it('refuses a note holding a broken character (half an emoji) and keeps the one it had; drops control characters', async () => {
    const { session, socket } = await takeSession()
    await socket.command('session.setNote', { sessionId: session.id, note: NOTE })
    const broken = await socket.command('session.setNote', { sessionId: session.id, note: 'cut \ud83d here' })
    expect(broken).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_payload',
        message: expect.stringContaining('The note holds a broken character'),
      },
    })
    expect(platform().server.marketplace.store.session(session.id).privateNote).toBe(NOTE)
    const ack = await socket.command('session.setNote', {
      sessionId: session.id,
      note: 'ring \u{1f514} here\u0007',
    })
    expect(noteOf(ack)).toBe('ring \u{1f514} here')
  })

  it('never shows the note on the room page', async () => {
    const { session, socket } = await takeSession()
    await socket.command('session.setNote', { sessionId: session.id, note: 'PRIVATE-marker do not show' })
    const html = await (await fetch(new URL(session.roomUrl!, platform().server.url))).text()
    expect(html).toContain('VPN drops every hour')
    expect(html).not.toContain('PRIVATE-marker')
  })

  it('answers another expert as if the session did not exist, and leaves the note alone', async () => {
    const { session, socket } = await takeSession()
    await socket.command('session.setNote', { sessionId: session.id, note: NOTE })
    const other = platform().addExpert({ name: 'Grace' })
    const otherSocket = await platform().connect(other.token)
    const ack = await otherSocket.command('session.setNote', { sessionId: session.id, note: 'mine now' })
    expect(ack.ok).toBe(false)
    expect(!ack.ok && ack.error.code).toBe('not_found')
    expect(platform().server.marketplace.store.session(session.id).privateNote).toBe(NOTE)
  })

  it('sends a closing note an older platform stored as nothing to read as no note, so History shows none', async () => {
    const { session, socket } = await takeSession()
    const ack = await socket.command('session.end', {
      sessionId: session.id,
      outcome: { kind: 'free' },
      closingNote: 'Thanks!',
    })
    expect(ack.ok).toBe(true)
    const { store, db } = platform().server.marketplace
    // Empty, or only what cleaning now drops (an invisible an older platform kept).
    for (const stored of ['', ' \u2064 ']) {
      db.prepare('UPDATE sessions SET closing_note = ? WHERE id = ?').run(stored, session.id)
      // Read as the app reads it: not "Closing note: \ufffd".
      expect(Session.parse(store.session(session.id)).closingNote, JSON.stringify(stored)).toBeNull()
    }
  })
})
