/**
 * The link's way to the network: one connection to the platform that carries named messages and
 * acknowledged requests. Retrying, timeouts, validation and what the messages mean stay in the
 * link, so a test can drive it with an in-memory transport and the hosts with socket.io.
 */
import type { SocketAuth } from '../../../shared/protocol'

/** What a transport tells the link about its connection. */
export interface LinkTransportHandlers {
  /** The connection opened; the platform has yet to welcome it. */
  opened(): void
  /**
   * An attempt to connect failed: `message` says why, `data` is what the server's refusal carried
   * (null for a refusal that carried nothing), undefined when no server refused it.
   */
  failed(message: string, data: unknown): void
  /**
   * The open connection closed for `reason`, whichever side closed it; `violation` when it ended
   * because the platform broke the protocol (a frame over the size limit, a packet that cannot be
   * decoded), which retrying at once would only meet again; `announced` when the platform said it
   * was closing it (as it does at a restart), which no proxy or crash can say for it; `silent` when
   * nothing came for the platform's ping wait: the link went quiet, rather than being closed.
   */
  closed(reason: string, violation?: boolean, announced?: boolean, silent?: boolean): void
  /** The platform sent the message `name` with `payload`. */
  received(name: string, payload: unknown): void
  /**
   * The platform sent something outside the protocol that the transport passed over or cut to
   * what the protocol has (an event before the connection was let in, values beyond the one a
   * message carries); `what` says what, for the log.
   */
  passedOver(what: string): void
  /** Anything at all arrived, a heartbeat included: the connection still carries something. */
  heard(): void
  /**
   * More bytes of a message not yet whole arrived, `bytes` of them: an answer is on its way across
   * a slow link. A heartbeat arrives whole, so a platform that pings but never answers never says this.
   */
  crossing?(bytes: number): void
}

/**
 * What a request fails with when its connection closed because the platform sent a message larger
 * than any the protocol allows: perhaps its answer, which asking the same again would meet again.
 */
export class AnswerTooLarge extends Error {
  /** `alongside`: the other questions awaited when the message came, any of which it may have answered. */
  constructor(
    message: string,
    readonly alongside: ReadonlyArray<string> = [],
  ) {
    super(message)
    this.name = 'AnswerTooLarge'
  }
}

/**
 * One connection to the platform, opened and closed as often as the link likes. It never
 * reconnects by itself: after `failed` or `closed` it waits for the link's next `connect`.
 */
export interface LinkConnection {
  /** Start connecting; the outcome arrives as `opened` or `failed`. Does nothing while open. */
  connect(): void
  /** Close the connection; when it was open, `closed` is heard before this returns. */
  disconnect(): void
  /**
   * Send `name` with `payload`; resolves with the platform's acknowledgement, rejects when the
   * connection closes first (with AnswerTooLarge when a message over the size limit closed it). Once `abandon` aborts (the caller stopped waiting), the question is
   * forgotten and the promise rejects: a connection that stays up for days must not hold every
   * question the platform never answered, and a late answer to it is passed over.
   */
  request(name: string, payload: unknown, abandon?: AbortSignal): Promise<unknown>
  /**
   * Whether the platform's name is still being looked up (no name server has answered yet): an
   * attempt given up meanwhile never reached the network's far side, and the address may be wrong.
   */
  lookingUp?(): boolean
}

/** Where and as whom a connection connects. */
export interface LinkConnectionOptions {
  readonly platformUrl: string
  /** Sent with the handshake: the sign-in's token and the protocol version. */
  readonly auth: SocketAuth
}

/** Makes the link's connection; the hosts pass socket.io's (`src/main/node/socket-io-transport.ts`). */
export type LinkTransport = (
  options: LinkConnectionOptions,
  handlers: LinkTransportHandlers,
) => LinkConnection
