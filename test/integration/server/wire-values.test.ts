/**
 * What a client can put on the wire comes back from the platform's SQLite in a shape the app's own
 * schemas accept: text with lone surrogates and controls at every limit, and times that stay
 * inside the ranges every rule can compute with.
 */
import { describe, expect, it } from 'vitest'
import {
  LATEST_TIMESTAMP,
  PlatformEvent,
  ReplayResponse,
  commandSchemas,
  type HelpRequest,
  type Message,
  Snapshot,
} from '../../../src/shared/protocol'
import { openPlatformDatabase } from '../../../server/src/db/open-database'
import { MemoryLogger } from '../../../server/src/logger'
import { Marketplace } from '../../../server/src/marketplace/marketplace'
import { PlatformError } from '../../../server/src/platform-error'
import { ManualClock } from '../../../src/shared/clock'
import { ofType, type ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform, type TestPlatform } from '../../support/test-platform'

const HIGH = '\ud83d'
const LOW = '\ude00'
const DAY = 24 * 60 * 60_000

/** `length` UTF-16 units ending in a lone surrogate. */
const atLimit = (length: number, fill = 'x'): string => fill.repeat(length - 1) + HIGH

/** Length as the schemas count it: in code points, so an emoji is one. */
const length = (text: string): number => [...text].length

function expectWithinLimits(request: HelpRequest): void {
  expect(length(request.title), 'title').toBeLessThanOrEqual(200)
  expect(length(request.description), 'description').toBeLessThanOrEqual(20_000)
  expect(length(request.client.name), 'client name').toBeLessThanOrEqual(200)
  for (const a of request.attachments) expect(length(a.name), 'attachment name').toBeLessThanOrEqual(255)
}

async function directRequest(
  platform: TestPlatform,
  expertId: string,
  input: { title: string; description?: string; clientName?: string; attachmentName?: string },
): Promise<void> {
  platform.server.marketplace.createRequest({
    clientId: platform.addClient(input.clientName),
    title: input.title,
    description: input.description ?? '',
    attachments:
      input.attachmentName === undefined
        ? []
        : [
            {
              name: input.attachmentName,
              sizeBytes: 10,
              mimeType: 'text/plain',
              url: `https://files.example/${LOW}/${'é'.repeat(10)}`,
            },
          ],
    kind: 'instant',
    direct: { expertId, via: 'dashboard' },
  })
}

/** The expert's snapshot (asked for with a cursor past the newest event), parsed as the app would. */
async function snapshotOf(socket: ExpertConnection): Promise<Snapshot> {
  const parts = (await socket.snapshotParts(1_000_000)).map((part) => Snapshot.parse(part))
  return {
    ...parts[0]!,
    openInvites: parts.flatMap((p) => p.openInvites),
    sessions: parts.flatMap((p) => p.sessions),
    recentMessages: parts.flatMap((p) => p.recentMessages),
  }
}

/** Every event the expert has seen, parsed with the app's schema as the app would. */
function parsedByTheApp(socket: ExpertConnection): PlatformEvent[] {
  return socket.events.map((event) => PlatformEvent.parse(event))
}

describe('text through the platform', () => {
  const platform = useTestPlatform()

  it('stores lone surrogates at every limit so that live events, replay and snapshot pass the app', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    await directRequest(platform(), expert.id, {
      title: atLimit(200),
      description: `${LOW}\u0000${atLimit(19_998)}`,
      clientName: atLimit(200),
      attachmentName: atLimit(255),
    })
    const { payload } = await socket.waitForEvent(ofType('invite.created'))
    const request = payload.invite.request
    expect(request.title).toBe(`${'x'.repeat(199)}\ufffd`)
    expect(request.description).toBe(`\ufffd${'x'.repeat(19_997)}\ufffd`)
    expectWithinLimits(request)

    // A message being written is refused with a broken character rather than stored mangled.
    const broken = await socket.command('message.send', { requestId: request.id, body: atLimit(5_000) })
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    const sent = await socket.command('message.send', { requestId: request.id, body: 'x'.repeat(5_000) })
    expect(sent.ok).toBe(true)
    const result = commandSchemas['message.send'].result.parse(sent.ok ? sent.result : null)
    expect(result.message.body).toHaveLength(5_000)
    const reply = platform().server.marketplace.clientMessage(
      request.id,
      expert.id,
      `ok\u0007\r\n${'x'.repeat(4_991)}\u0000`,
    )
    expect(reply.body).toBe(`ok\n${'x'.repeat(4_991)}`)
    await socket.waitForEvent((e) => e.type === 'message.created' && e.payload.message.id === reply.id)

    const live = parsedByTheApp(socket)
    expect(live.map((e) => e.type)).toEqual(['invite.created', 'message.created', 'message.created'])
    const replayed = ReplayResponse.parse(await socket.replay(0))
    expect(replayed.kind === 'events' && replayed.events).toEqual(live)
    const snapshot = await snapshotOf(socket)
    expectWithinLimits(snapshot.openInvites[0]!.request)
    expect(snapshot.recentMessages.map((m: Message) => m.body.length)).toEqual([5_000, 4_994])
  })

  it('cuts text a database stored before normalising to its limit, so the snapshot still passes the app', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const created = platform().inviteDirectly(expert.id, 'Written by an older platform')
    await socket.waitForEvent(ofType('invite.created'))
    const mangled = 'x'.repeat(150) + '\ufffd'.repeat(3 * 50)
    platform()
      .server.marketplace.db.prepare('UPDATE requests SET title = ?, description = ? WHERE id = ?')
      .run(mangled, `\u0000${'y'.repeat(20_010)}`, created.request.id)
    const snapshot = await snapshotOf(socket)
    const request = snapshot.openInvites[0]!.request
    expect(request.title).toBe('x'.repeat(150) + '\ufffd'.repeat(50))
    expect(request.description).toMatch(/^y+$/)
    expect(length(request.description)).toBeLessThanOrEqual(20_000)
  })

  it('accepts whatever text it stores: random text from every corner of UTF-16 comes back as the app reads it', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const rand = seeded(8)
    const alphabet = [
      'a',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u001b',
      '\u0085',
      '\u2028',
      HIGH,
      LOW,
      '😀',
      'é',
    ]
    const text = (max: number): string =>
      Array.from(
        { length: Math.floor(rand() * max) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join('')
    let created = 0
    for (let i = 0; i < 40; i++) {
      try {
        await directRequest(platform(), expert.id, {
          title: text(260),
          description: text(400),
          clientName: `c${text(230)}`,
          attachmentName: `f${text(300)}`,
        })
        created++
      } catch (error) {
        // Text too long or empty once normalised is refused as a payload, never as a crash.
        expect(error).toBeInstanceOf(PlatformError)
        expect((error as PlatformError).code).toBe('invalid_payload')
      }
    }
    expect(created).toBeGreaterThan(5)
    await socket.waitForCount(created)
    for (const event of parsedByTheApp(socket)) {
      if (event.type === 'invite.created') expectWithinLimits(event.payload.invite.request)
    }
    expect(ReplayResponse.safeParse(await socket.replay(1_000_000)).success).toBe(true)
  })
})

describe('times through the platform', () => {
  const platform = useTestPlatform()

  it('refuses a proposed time no rule can compute with, or more than two years ahead', () => {
    const expert = platform().addExpert()
    const now = platform().clock.now()
    const propose = (time: number): void =>
      void platform().server.marketplace.createRequest({
        clientId: platform().addClient(),
        title: 'Far away',
        kind: 'scheduled',
        proposedTimes: [time],
        direct: { expertId: expert.id, via: 'dashboard' },
      })
    for (const absurd of [8.64e15 - 1, Number.MAX_SAFE_INTEGER, now + 3 * 365 * DAY]) {
      expect(() => propose(absurd), String(absurd)).toThrow(
        expect.objectContaining({ code: 'invalid_payload' }),
      )
    }
    expect(() => propose(now + 700 * DAY)).not.toThrow()
  })

  it('refuses "online until" further than a week ahead', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const now = platform().clock.now()
    for (const until of [now + 30 * DAY, Number.MAX_SAFE_INTEGER, 8.64e15]) {
      const ack = await socket.command('availability.set', { availability: 'online', onlineUntil: until })
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    }
    const ack = await socket.command('availability.set', { availability: 'online', onlineUntil: now + DAY })
    expect(ack.ok).toBe(true)
  })

  it('answers a join on a session stored with an absurd time with a refusal, and keeps the snapshot readable', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const now = platform().clock.now()
    platform().server.marketplace.createRequest({
      clientId: platform().addClient(),
      title: 'Stored long ago',
      kind: 'scheduled',
      proposedTimes: [now + DAY],
      direct: { expertId: expert.id, via: 'dashboard' },
    })
    const { payload } = await socket.waitForEvent(ofType('invite.created'))
    const booked = await socket.command('invite.accept', {
      inviteId: payload.invite.id,
      proposedTime: now + DAY,
    })
    if (!booked.ok) throw new Error(booked.error.message)
    const { session } = booked.result as { session: { id: string } }
    // A database written before times were bounded may hold anything.
    platform()
      .server.marketplace.db.prepare('UPDATE sessions SET booked_start = ? WHERE id = ?')
      .run(Number.MAX_SAFE_INTEGER, session.id)
    const join = await socket.command('session.join', { sessionId: session.id })
    expect(join).toMatchObject({ ok: false, error: { code: 'too_early' } })
    const snapshot = await snapshotOf(socket)
    expect(snapshot.sessions.find((s) => s.id === session.id)?.bookedStart).toBe(LATEST_TIMESTAMP)
  })

  it('will not start on a clock whose times no app would accept', () => {
    // The app ignores a platform's time before 2020 or from 2100 on, and refuses to sign in to it.
    for (const now of [0, Date.UTC(2019, 11, 31), Date.UTC(2100, 0, 1), Date.UTC(2150, 5, 1)]) {
      const db = openPlatformDatabase(':memory:')
      try {
        expect(() => new Marketplace(db, new ManualClock(now), new MemoryLogger())).toThrow(
          /set the system clock/,
        )
      } finally {
        db.close()
      }
    }
  })

  it('never reports a negative response time, even after the wall clock went back', async () => {
    const expert = platform().addExpert()
    const socket = await platform().connect(expert.token)
    const created = platform().inviteDirectly(expert.id, 'Answered before it was sent')
    await socket.waitForEvent(ofType('invite.created'))
    platform()
      .server.marketplace.db.prepare('UPDATE invites SET sent_at = sent_at + 60000 WHERE request_id = ?')
      .run(created.request.id)
    await socket.command('invite.decline', {
      inviteId: socket.events[0]!.type === 'invite.created' ? socket.events[0]!.payload.invite.id : '',
    })
    const updated = await socket.waitForEvent(ofType('expert.updated'))
    expect(PlatformEvent.parse(updated)).toMatchObject({
      payload: { expert: { stats: { averageResponseMs: 0 } } },
    })
  })
})

function seeded(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
}
