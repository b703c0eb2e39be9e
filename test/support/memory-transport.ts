/**
 * A LinkTransport with no sockets: the test plays the platform by hand (accept, refuse, send,
 * answer, drop), and the connection behaves as socket.io's does where the link relies on it:
 * closing an open connection is heard at once, and a close fails every request still waiting.
 */
import {
  AnswerTooLarge,
  type LinkConnection,
  type LinkConnectionOptions,
  type LinkTransport,
  type LinkTransportHandlers,
} from '../../src/main/core/ports/link-transport'

/** One request the link sent, waiting for the test to answer it. */
export interface SentRequest {
  readonly name: string
  readonly payload: unknown
  /** Acknowledge it with `value`. */
  answer(value: unknown): void
}

/** The link's side is LinkConnection; the rest is the platform's side, for the test. */
export class MemoryConnection implements LinkConnection {
  private status: 'closed' | 'connecting' | 'open' = 'closed'
  private waiting: Array<{ readonly reject: (error: Error) => void }> = []
  /** How many times the link asked to connect. */
  attempts = 0
  /** Every request sent, answered or not, in order. */
  readonly requests: SentRequest[] = []

  constructor(
    readonly options: LinkConnectionOptions,
    private readonly handlers: LinkTransportHandlers,
  ) {}

  /** Whether the connection is open, being opened, or closed. */
  get state(): 'closed' | 'connecting' | 'open' {
    return this.status
  }

  connect(): void {
    if (this.status === 'open') return
    this.status = 'connecting'
    this.attempts++
  }

  disconnect(): void {
    const wasOpen = this.status === 'open'
    this.status = 'closed'
    this.failWaiting()
    if (wasOpen) this.handlers.closed('io client disconnect')
  }

  /** How many requests wait for an answer (given-up ones are forgotten, as socket.io's are here). */
  get awaiting(): number {
    return this.waiting.length
  }

  request(name: string, payload: unknown, abandon?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry = { reject }
      this.waiting.push(entry)
      abandon?.addEventListener(
        'abort',
        () => {
          this.waiting = this.waiting.filter((w) => w !== entry)
          reject(new Error('The question was given up on before the platform answered it'))
        },
        { once: true },
      )
      this.requests.push({
        name,
        payload,
        answer: (value) => {
          this.waiting = this.waiting.filter((w) => w !== entry)
          this.handlers.heard()
          resolve(value)
        },
      })
    })
  }

  /** The platform accepts the attempt under way. */
  accept(): void {
    if (this.status !== 'connecting')
      throw new Error(`No attempt to accept: the connection is ${this.status}`)
    this.status = 'open'
    this.handlers.opened()
  }

  /** The attempt under way fails, with what the server's refusal carried, if anything. */
  fail(message: string, data?: unknown): void {
    if (this.status !== 'connecting') throw new Error(`No attempt to fail: the connection is ${this.status}`)
    this.status = 'closed'
    this.handlers.failed(message, data)
  }

  /**
   * `bytes` of the attempt's handshake or welcome, or of a message, arrive, no message whole yet:
   * by default a chunk as a slow link that still carries brings.
   */
  trickle(bytes = 1_024): void {
    if (this.status === 'closed') throw new Error('Nothing crosses a closed connection')
    // As over socket.io, where every chunk of bytes is heard before any message is whole.
    this.handlers.heard()
    this.handlers.crossing?.(bytes)
  }

  /** The platform sends `name` with `payload` on the open connection. */
  send(name: string, payload: unknown): void {
    if (this.status !== 'open') throw new Error(`Cannot send ${name}: the connection is ${this.status}`)
    this.handlers.heard()
    this.handlers.received(name, payload)
  }

  /** The open connection is lost (the platform went away, the network dropped it). */
  drop(reason = 'transport close'): void {
    this.close(reason, false)
  }

  /** Nothing more comes on the open connection until the platform's ping wait runs out (Wi-Fi gone quiet). */
  goQuiet(
    reason = 'nothing arrived from the platform in time; the network may be slow or down: ping timeout',
  ): void {
    this.close(reason, false, false, true)
  }

  /** The platform closes the open connection saying so, as it does to each one as it shuts down for a restart. */
  announceClose(reason = 'the platform closed the connection: io server disconnect'): void {
    this.close(reason, false, true)
  }

  /** The platform breaks the protocol (a frame over the size limit, say), which ends the connection. */
  violate(reason = 'the platform sent a message larger than any Standby message can be'): void {
    this.close(reason, true)
  }

  /** The platform sends a message over the size limit: as over socket.io, every request waiting fails as AnswerTooLarge. */
  sendTooLarge(reason = 'the platform sent a message larger than any Standby message can be'): void {
    this.close(reason, true, false, false, new AnswerTooLarge(reason))
  }

  private close(
    reason: string,
    violation: boolean,
    announced = false,
    silent = false,
    error = new Error('socket has been disconnected'),
  ): void {
    if (this.status !== 'open') throw new Error(`Nothing to drop: the connection is ${this.status}`)
    this.status = 'closed'
    this.failWaiting(error)
    this.handlers.closed(reason, violation, announced, silent)
  }

  private failWaiting(error = new Error('socket has been disconnected')): void {
    for (const { reject } of this.waiting.splice(0)) reject(error)
  }
}

/** A transport whose connections the test holds. */
export function memoryTransport(): {
  readonly transport: LinkTransport
  readonly connections: MemoryConnection[]
} {
  const connections: MemoryConnection[] = []
  return {
    connections,
    transport: (options, handlers) => {
      const connection = new MemoryConnection(options, handlers)
      connections.push(connection)
      return connection
    },
  }
}
