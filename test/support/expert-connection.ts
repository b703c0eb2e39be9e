/** One expert's raw socket to the platform, recording every event, for server-side tests. */
import { randomUUID } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import {
  COMMAND_EVENT,
  LIVE_EVENT,
  REPLAY_EVENT,
  WELCOME_EVENT,
  type CommandAck,
  type CommandName,
  type CommandPayload,
  type PlatformEvent,
  type ReplayResponse,
  type Snapshot,
  type SnapshotPosition,
  type SocketAuth,
  type Welcome,
} from '../../src/shared/protocol'
import { stallTimer } from './stall-timer'

/**
 * How long a test waits for one answer from the platform, or for its next event while waiting for
 * more; a failsafe, not a sleep.
 */
const WAIT_MS = 10_000

/** A connected expert. */
export class ExpertConnection {
  readonly events: PlatformEvent[] = []
  private waiters: Array<() => void> = []

  private constructor(
    readonly socket: Socket,
    readonly welcome: Welcome,
  ) {
    socket.on(LIVE_EVENT, (event: PlatformEvent) => {
      this.events.push(event)
      for (const wake of this.waiters) wake()
    })
  }

  /** Connect and resolve on the platform's welcome; reject with the refusal if it says no. */
  static open(url: string, auth: SocketAuth | Record<string, unknown>): Promise<ExpertConnection> {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true })
    return new Promise((resolve, reject) => {
      socket.once(WELCOME_EVENT, (welcome: Welcome) => resolve(new ExpertConnection(socket, welcome)))
      socket.once('connect_error', (error) => {
        socket.close()
        reject(error)
      })
    })
  }

  /** Send a command and resolve with its acknowledgement. */
  command<N extends CommandName>(
    name: N,
    payload: CommandPayload<N>,
    idempotencyKey: string = randomUUID(),
  ): Promise<CommandAck> {
    return this.raw({ name, idempotencyKey, payload })
  }

  /** Send any value as a command envelope. */
  raw(envelope: unknown): Promise<CommandAck> {
    return this.socket.timeout(WAIT_MS).emitWithAck(COMMAND_EVENT, envelope) as Promise<CommandAck>
  }

  /** Ask for the events after a cursor (with a page size, byte budget, digest or snapshot part when given). */
  async replay(
    after: number,
    limit?: number,
    options: {
      maxBytes?: number
      digest?: string
      snapshot?: boolean
      snapshotAfter?: SnapshotPosition
    } = {},
  ): Promise<ReplayResponse> {
    const ack = (await this.socket
      .timeout(WAIT_MS)
      .emitWithAck(REPLAY_EVENT, { after, limit, ...options })) as CommandAck
    if (!ack.ok) throw new Error(`replay refused: ${ack.error.message}`)
    return ack.result as ReplayResponse
  }

  /**
   * The snapshot a replay after `after` answers with, every part of it in order, each part asked
   * for as the first was (without a byte budget unless `maxBytes` is given).
   */
  async snapshotParts(after: number, options: { maxBytes?: number } = {}): Promise<Snapshot[]> {
    const parts: Snapshot[] = []
    for (let next: SnapshotPosition | undefined; parts.length === 0 || next !== undefined;) {
      const answer = await this.replay(after, undefined, {
        ...options,
        ...(next === undefined ? {} : { snapshot: true, snapshotAfter: next }),
      })
      if (answer.kind !== 'snapshot') throw new Error(`expected a snapshot for cursor ${after}`)
      parts.push(answer.snapshot)
      next = answer.snapshot.next
    }
    return parts
  }

  /** Resolve with the first recorded event matching `predicate`, waiting for it if needed. */
  waitForEvent<T extends PlatformEvent>(predicate: (e: PlatformEvent) => e is T): Promise<T>
  waitForEvent(predicate: (e: PlatformEvent) => boolean): Promise<PlatformEvent>
  waitForEvent(predicate: (e: PlatformEvent) => boolean): Promise<PlatformEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.find(predicate)
        if (found === undefined) return false
        cleanup()
        resolve(found)
        return true
      }
      // Every event recorded is progress and starts the failsafe over, so a long run of events a
      // busy machine sends slowly is not taken for one that never comes.
      const failsafe = stallTimer(WAIT_MS, () => {
        cleanup()
        reject(
          new Error(
            `No matching event, and no event at all for ${WAIT_MS} ms; saw: ${this.events.map((e) => e.type).join(', ')}`,
          ),
        )
      })
      const cleanup = (): void => {
        failsafe.stop()
        this.waiters = this.waiters.filter((w) => w !== wake)
      }
      const wake = (): void => {
        if (!check()) failsafe.progress()
      }
      if (!check()) this.waiters.push(wake)
    })
  }

  /** Wait until `count` events have been recorded. */
  waitForCount(count: number): Promise<PlatformEvent> {
    return this.waitForEvent(() => this.events.length >= count)
  }

  /** Close the socket. */
  close(): void {
    this.socket.close()
  }
}

/** Type guard factory for one event type. */
export function ofType<T extends PlatformEvent['type']>(type: T) {
  return (e: PlatformEvent): e is Extract<PlatformEvent, { type: T }> => e.type === type
}
