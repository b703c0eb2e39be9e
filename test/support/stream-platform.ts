/**
 * A platform whose event stream a test writes record by record, over a bare socket.io server on
 * loopback: it answers replays honestly from the records (a broken record is served as broken, as a
 * platform whose stored event is damaged serves it), and lets the test push anything at all, before
 * or after the welcome, so a generated run can mix a platform's faults with its good events.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket } from 'socket.io'
import {
  Invite,
  PROTOCOL_VERSION,
  StreamDigest,
  WELCOME_EVENT,
  type PlatformEvent,
  type ReplayRequest,
} from '../../src/shared/protocol'
import { snapshotPart } from '../../server/src/marketplace/snapshot-parts'
import { aRequest, aSnapshot, anExpert, anInvite } from './fixtures'

const HOUR = 3_600_000

/** How the platform answers one replay request. */
export type ReplayManner = 'honest' | 'twice' | 'never'

/**
 * Takes over one replay `request` on `socket` when it returns true (the platform then sends what
 * the hook sent, and no answer); the platform answers it itself otherwise.
 */
export type ReplayTakeover = (request: Record<string, unknown>, socket: Socket) => boolean

/** How a stream platform reads a replay's digest. */
export interface StreamPlatformOptions {
  /**
   * A replay with no digest is answered with the events after its cursor, as from a platform that
   * checks the chain of digests only when one is sent (a snapshot only when one differs).
   */
  readonly ignoresMissingDigest?: boolean
  /**
   * A snapshot is cut into parts by the request's budget, position and `leaveOutOver`, as the
   * reference platform cuts it; whole otherwise.
   */
  readonly snapshotInParts?: boolean
  /** A request naming `leaveOutOver` is refused as invalid, as by a platform from before that key. */
  readonly refusesLeaveOut?: boolean
  /** A request's `leaveOutOver` is passed over unread, as by a platform that neither takes nor refuses the key. */
  readonly ignoresLeaveOut?: boolean
  /** Its welcome says it takes `leaveOutOver` (`leavesOutTooLarge`). */
  readonly announcesLeaveOut?: boolean
}

/** A platform serving a stream of records the test appends. */
export interface StreamPlatform {
  readonly url: string
  /** The stream's records, record i at id i + 1, as the platform stores them (valid or not). */
  readonly records: unknown[]
  /** Open invites its snapshot holds beside (or, by id, instead of) the records' ones, as stored. */
  readonly snapshotInvites: unknown[]
  /** How many replay requests it was sent. */
  replays(): number
  /** The next replay is answered this way (then honestly again). */
  answerNextReplay(manner: ReplayManner): void
  /** Each replay from now on goes to `takeover` first, which may send something else instead of the answer. */
  takeOverReplays(takeover: ReplayTakeover): void
  /** What each new connection is sent before its welcome. */
  beforeWelcome(send: (socket: Socket) => void): void
  /** How each command is answered from now on (unanswered until this is called). */
  answerCommands(answer: (command: unknown, ack: (answer: unknown) => void) => void): void
  /** Push the JSON text `json` as message `name`, written whole: for values socket.io cannot encode. */
  emitRaw(name: string, json: string): Promise<void>
  /** The connected sockets (one, unless the core raced a reconnection). */
  sockets(): Promise<Socket[]>
  close(): Promise<void>
}

/** The digest the platform gives record `id`. */
export const digestOf = (id: number): string => `d_${id}`

/** An invite.created event. */
export type InviteCreated = Extract<PlatformEvent, { type: 'invite.created' }>

/** A good invite event at `id`, as the platform stores it. */
export function goodEvent(id: number, now: number): InviteCreated {
  const request = aRequest({ id: `req_g${id}`, title: `Good ${id}`, createdAt: now })
  const invite = anInvite({ id: `inv_g${id}`, request, sentAt: now, expiresAt: now + HOUR })
  return { id, at: now, type: 'invite.created', payload: { invite }, digest: digestOf(id) }
}

/** A record's digest when it carries one the app can keep, else undefined. */
function recordDigest(record: unknown): string | undefined {
  const digest = (record as { digest?: unknown } | null)?.digest
  return StreamDigest.safeParse(digest).success ? (digest as string) : undefined
}

/** The open invites the records hold, each as its last readable invite.created said it. */
function openInvites(records: ReadonlyArray<unknown>): Invite[] {
  const invites = new Map<string, Invite>()
  for (const record of records) {
    const event = record as { type?: unknown; payload?: { invite?: unknown } } | null
    if (event?.type !== 'invite.created') continue
    const read = Invite.safeParse(event.payload?.invite)
    if (read.success) invites.set(read.data.id, read.data)
  }
  return [...invites.values()]
}

/** Start a stream platform for exp_ada on a free loopback port. */
export async function startStreamPlatform(options: StreamPlatformOptions = {}): Promise<StreamPlatform> {
  const http = createServer()
  const io = new Server(http, { maxHttpBufferSize: 1e8 })
  const records: unknown[] = []
  let replays = 0
  let nextManner: ReplayManner = 'honest'
  let before: (socket: Socket) => void = () => {}
  let commands: (command: unknown, ack: (answer: unknown) => void) => void = () => {}
  let takeover: ReplayTakeover = () => false

  const snapshotInvites: unknown[] = []
  const snapshot = (request: Record<string, unknown> = {}) => {
    const cursor = records.length
    const extra = new Set(snapshotInvites.map((invite) => (invite as { id?: unknown }).id))
    const whole = aSnapshot({
      expert: anExpert({ id: 'exp_ada' }),
      openInvites: [
        ...openInvites(records).filter((invite) => !extra.has(invite.id)),
        ...(snapshotInvites as Invite[]),
      ],
      cursor,
      cursorDigest: cursor === 0 ? 'd_0' : recordDigest(records[cursor - 1]),
      takenAt: Date.now(),
    })
    const { maxBytes, snapshotAfter, leaveOutOver: asked } = request as Partial<ReplayRequest>
    const leaveOutOver = options.ignoresLeaveOut === true ? undefined : asked
    if (options.snapshotInParts !== true || maxBytes === undefined)
      return { kind: 'snapshot', snapshot: whole }
    return { kind: 'snapshot', snapshot: snapshotPart(whole, snapshotAfter, maxBytes, leaveOutOver) }
  }

  const answer = (request: Record<string, unknown>): unknown => {
    const after = typeof request['after'] === 'number' ? request['after'] : 0
    const limit = typeof request['limit'] === 'number' ? request['limit'] : 1_000
    const held = after === 0 ? 'd_0' : recordDigest(records[after - 1])
    const digest = request['digest']
    const unchecked = digest === undefined && options.ignoresMissingDigest === true
    if (request['snapshot'] === true || after > records.length || (!unchecked && digest !== held))
      return snapshot(request)
    const events = records.slice(after, after + limit)
    return { kind: 'events', events, latestId: records.length, hasMore: after + limit < records.length }
  }

  io.on('connection', (socket) => {
    socket.on('replay', (request: Record<string, unknown>, ack: (answer: unknown) => void) => {
      replays++
      if (takeover(request, socket)) return
      const manner = nextManner
      nextManner = 'honest'
      if (manner === 'never') return
      if (options.refusesLeaveOut === true && 'leaveOutOver' in request) {
        const message = 'Invalid replay: unrecognized key "leaveOutOver".'
        return ack({ ok: false, error: { code: 'invalid_payload', message }, serverTime: Date.now() })
      }
      const reply = { ok: true, result: answer(request), serverTime: Date.now() }
      ack(reply)
      if (manner === 'twice') ack({ ...reply, result: snapshot() })
    })
    socket.on('command', (command: unknown, ack: (answer: unknown) => void) => commands(command, ack))
    socket.on('probe', (_: unknown, ack: (answer: unknown) => void) =>
      ack({ ok: true, result: {}, serverTime: Date.now() }),
    )
    before(socket)
    socket.emit(WELCOME_EVENT, {
      protocolVersion: PROTOCOL_VERSION,
      expertId: 'exp_ada',
      latestEventId: records.length,
      serverTime: Date.now(),
      ...(options.announcesLeaveOut === true && { leavesOutTooLarge: true }),
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    records,
    snapshotInvites,
    replays: () => replays,
    answerNextReplay: (manner) => void (nextManner = manner),
    takeOverReplays: (hook) => void (takeover = hook),
    beforeWelcome: (send) => void (before = send),
    answerCommands: (answer) => void (commands = answer),
    emitRaw: async (name, json) => {
      for (const socket of await io.fetchSockets())
        (socket as unknown as Socket).conn.write(`2${JSON.stringify([name]).slice(0, -1)},${json}]`)
    },
    sockets: async () => (await io.fetchSockets()) as unknown as Socket[],
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  }
}
