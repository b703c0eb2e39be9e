/**
 * A platform that says whatever a test tells it to: a bare socket.io server on loopback that
 * welcomes every socket and answers replays and probes with the test's own functions, for
 * attacking the core with answers no honest platform gives.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket } from 'socket.io'
import { PROTOCOL_VERSION, type Snapshot } from '../../src/shared/protocol'
import { aSnapshot, anExpert } from './fixtures'

/** What the hostile platform answers. */
export interface HostileScript {
  /** The welcome's fields over the defaults (exp_ada, event 0, the real time). */
  readonly welcome?: (socket: Socket) => Record<string, unknown>
  /** The `result` of a replay ack for this request; a promise that never settles is never answered. */
  readonly replay?: (request: Record<string, unknown>, socket: Socket) => unknown
  /** The `result` of an accepted command's ack (a command is left unanswered when not given). */
  readonly command?: (command: unknown, socket: Socket) => unknown
}

/** A running hostile platform. */
export interface HostilePlatform {
  readonly url: string
  readonly io: Server
  /** How many socket.io connections it has accepted. */
  connections(): number
  close(): Promise<void>
}

/** Start a hostile platform on a free loopback port. */
export async function startHostilePlatform(script: HostileScript): Promise<HostilePlatform> {
  const http = createServer()
  const io = new Server(http)
  let connections = 0
  io.on('connection', (socket) => {
    connections++
    socket.on('replay', async (request: Record<string, unknown>, ack: (answer: unknown) => void) => {
      const result: unknown = await script.replay?.(request, socket)
      ack({ ok: true, result, serverTime: Date.now() })
    })
    const { command } = script
    if (command !== undefined) {
      socket.on('command', (sent: unknown, ack: (answer: unknown) => void) =>
        ack({ ok: true, result: command(sent, socket), serverTime: Date.now() }),
      )
    }
    socket.on('probe', (_: unknown, ack: (answer: unknown) => void) =>
      ack({ ok: true, result: {}, serverTime: Date.now() }),
    )
    socket.emit('welcome', {
      protocolVersion: PROTOCOL_VERSION,
      expertId: 'exp_ada',
      latestEventId: 0,
      serverTime: Date.now(),
      ...script.welcome?.(socket),
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    io,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  }
}

/**
 * Replays that hand exp_ada the snapshot `state` at event 1 (taken now unless it says), then,
 * once the core holds it, no event more: a core that starts on a platform holding only that.
 */
export function snapshotThenNothing(state: Partial<Snapshot>): NonNullable<HostileScript['replay']> {
  const snapshot = aSnapshot({
    expert: anExpert({ id: 'exp_ada' }),
    cursor: 1,
    cursorDigest: 'd_1',
    takenAt: Date.now(),
    ...state,
  })
  return (asked) =>
    asked.snapshot !== true && asked.digest === 'd_1'
      ? { kind: 'events', events: [], latestId: 1, hasMore: false }
      : { kind: 'snapshot', snapshot }
}
