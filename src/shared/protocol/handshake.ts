/**
 * What a client says when it connects, and what the platform says back. The protocol version is
 * checked on both sides so an old app and a new platform fail with a specific error, not garbage.
 */
import { z } from 'zod'
import { APP_VERSION_PATTERN } from '../rules/app-version'
import { ErrorCode, ServerTime } from './commands'
import { Id } from './entities'
import { ReasonSentence, Token } from './text'

/** The version of this protocol. Bump it on any change an older peer could misread. */
export const PROTOCOL_VERSION = 1

/** The name a reference platform reports from its info endpoint, to tell it from other servers. */
export const PLATFORM_NAME = 'standby-platform'

/**
 * A sign-in token as the platform issues it and the app keeps it: visible ASCII and bounded, since
 * it goes into an Authorization header (where a line break or a non-Latin-1 character makes the
 * request throw) and into the socket's handshake, wherever it was read from.
 */
export const SignInToken = Token({ max: 512, what: 'A sign-in token' })

/** Sent as socket.io `auth` when connecting; strict, as every payload is. */
export const SocketAuth = z.strictObject({
  token: SignInToken,
  protocolVersion: z.number().int().positive(),
})
/** Sent as socket.io `auth` when connecting. */
export type SocketAuth = z.infer<typeof SocketAuth>

/** Attached as `data` to a refused connection's error, so the client can tell why. */
export const ConnectRefusal = z.object({
  code: ErrorCode,
  message: ReasonSentence,
  serverProtocolVersion: z.number().int().positive(),
})
/** Attached as `data` to a refused connection's error, so the client can tell why. */
export type ConnectRefusal = z.infer<typeof ConnectRefusal>

/** Sent by the server to a socket once it is accepted. */
export const Welcome = z.object({
  protocolVersion: z.number().int().positive(),
  /**
   * Whose stream this connection carries, as strict as every id: only compared with the signed-in
   * expert's, but a welcome with one no platform issues is not a Standby platform's.
   */
  expertId: Id,
  /** The newest event id for this expert when the socket was accepted. */
  latestEventId: z.number().int().nonnegative(),
  /** The platform's clock as it sent this: the app measures its offset from it. */
  serverTime: ServerTime,
  /**
   * The oldest app version the platform still supports, when it announces one: an older app says
   * "Update required" and updates at once (never during a session). Older apps ignore the field.
   * One the app cannot read is dropped rather than refusing the welcome: staying connected
   * matters more than the announcement.
   */
  minimumAppVersion: z.string().regex(APP_VERSION_PATTERN).optional().catch(undefined),
  /**
   * The platform takes a replay's `leaveOutOver`, so the app asks it on every replay and an entity
   * too large never closes the connection; without it, the app asks so only after an answer over
   * the size limit, and a platform that refuses the key is not asked again. Older apps ignore it.
   */
  leavesOutTooLarge: z.boolean().optional().catch(undefined),
})
/** Sent by the server to a socket once it is accepted. */
export type Welcome = z.infer<typeof Welcome>

/** The socket.io event name of the welcome message. */
export const WELCOME_EVENT = 'welcome'

/**
 * The socket.io event a client sends, with an acknowledgement, to check that a connection which
 * looks open still carries anything (after a wake, a network change, or a silence). The platform
 * answers at once with `{ok: true, result: {}}`.
 */
export const PROBE_EVENT = 'probe'

/**
 * Sent by the platform just before it closes a connection, saying why, so the app can tell the
 * expert more than that the platform closed it. A platform before it sends none and an app before
 * it passes it over, so neither needs the other to know it; a reason the app does not know is
 * taken as no reason. `too_many_messages`: the connection sent far past its expert's allowance.
 */
export const ClosingNotice = z.object({ reason: z.string().min(1).max(64) })
/** Sent by the platform just before it closes a connection, saying why. */
export type ClosingNotice = z.infer<typeof ClosingNotice>

/** The socket.io event name of the notice a closing connection is sent. */
export const CLOSING_EVENT = 'closing'

/** A closing notice's reason for a connection cut for sending far more than its allowance. */
export const TOO_MANY_MESSAGES = 'too_many_messages'

/** Explain a protocol version mismatch in words a person can act on. */
export function describeVersionMismatch(ours: number, theirs: number, side: 'app' | 'platform'): string {
  const newer = theirs > ours
  if (side === 'app') {
    return newer
      ? `The platform speaks protocol ${theirs} and this app speaks ${ours}: update Standby to connect.`
      : `The platform speaks protocol ${theirs}, older than this app's ${ours}: ask the platform's operator to update it.`
  }
  return newer
    ? `This app speaks protocol ${theirs} and this platform speaks ${ours}: the platform must be updated first.`
    : `This app speaks protocol ${theirs} and this platform speaks ${ours}: update Standby to connect.`
}
