/**
 * Why an attempt or a connection failed, in the sentences the expert reads and the log keeps: what
 * happened, then what to do if it goes on. That Standby tries again, and when, is the connection
 * line's to say (shared/connection-words.ts): said here too, it would be said twice.
 */
import type { NamesFound } from './names-found'

/**
 * What this run knows of the platform addresses that let Standby in (names-found.ts): advice to
 * check an address the platform let Standby in at would send the expert after one that is right.
 */
export type ReachedBefore = Pick<NamesFound, 'wasReached'>

/** The words that tell the expert the address is right, before what to do instead. */
export const ADDRESS_IS_RIGHT = 'The address is right (Standby was connected earlier)'

function reachedAt(platformUrl: string, reached: ReachedBefore | undefined): boolean {
  return reached?.wasReached(platformUrl) === true
}

/** An attempt the platform at `platformUrl` did not answer within `seconds`. */
export function noAnswerWithin(platformUrl: string, seconds: number, reached?: ReachedBefore): string {
  const advice = reachedAt(platformUrl, reached)
    ? `${ADDRESS_IS_RIGHT}: if this goes on, check your connection.`
    : 'If this goes on, check the platform address and your connection.'
  return `The platform at ${platformUrl} did not answer the connection within ${seconds} s. ${advice}`
}

/**
 * An attempt given up while the name of `platformUrl`'s host was still being looked up: no name
 * server answered, which a misspelt address and a network without one alike bring.
 */
export function nameNotLookedUp(platformUrl: string, seconds: number, reached?: ReachedBefore): string {
  const advice = reachedAt(platformUrl, reached)
    ? `${ADDRESS_IS_RIGHT}: check your connection, or its name server.`
    : 'Check the server address you signed in with; if it is right, check your connection.'
  return `Could not reach ${hostName(platformUrl)}: its name was not found within ${seconds} s. ${advice}`
}

/** What an attempt's deadline knows when it runs out: whether bytes came, and how long none have. */
export interface AttemptHeard {
  readonly answered: boolean
  readonly silentForMs: number
}

/**
 * An attempt not let in within `seconds` of its last bytes: its server went quiet after it began to
 * answer, the name of its host was still being looked up (`lookingUp`), or nothing answered at all.
 */
export function notLetInWithin(
  platformUrl: string,
  seconds: number,
  heard: AttemptHeard,
  lookingUp: boolean,
  reached?: ReachedBefore,
): string {
  if (heard.answered) return quietAfterAnswering(platformUrl, Math.round(heard.silentForMs / 1000), reached)
  if (lookingUp) return nameNotLookedUp(platformUrl, seconds, reached)
  return noAnswerWithin(platformUrl, seconds, reached)
}

/** The host `platformUrl` names, or the address itself when it names none. */
function hostName(platformUrl: string): string {
  try {
    return new URL(platformUrl).hostname || platformUrl
  } catch {
    return platformUrl
  }
}

/**
 * An attempt whose server began to answer (its handshake's bytes came) and then sent nothing more
 * for `seconds` without letting Standby in: a gate that never opens, another app's socket.io
 * server, a platform stuck letting in. It answered, so not answering would be wrong.
 */
export function quietAfterAnswering(platformUrl: string, seconds: number, reached?: ReachedBefore): string {
  const advice = reachedAt(platformUrl, reached)
    ? `${ADDRESS_IS_RIGHT}: the platform may be stuck letting Standby in. If this goes on, tell the platform's support.`
    : "If this goes on, check the platform address; if it is right, tell the platform's support."
  return `The server at ${platformUrl} began to answer the connection, then sent nothing more for ${seconds} s without letting Standby in. ${advice}`
}

/** An attempt the platform kept answering, a few bytes at a time, for `seconds` without letting Standby in. */
export function trickledPastLimit(platformUrl: string, seconds: number): string {
  return `The platform at ${platformUrl} kept answering the connection, a few bytes at a time, without letting Standby in within ${seconds} s. If this goes on, check your connection.`
}

/**
 * Why an attempt whose connection closed (for `reason`) before the platform let Standby in failed:
 * on a `violation` (a message it could not read, a flood of pings) Standby closed it. Otherwise the
 * close may be the server's, the network's or a ping timeout's, and `reason` says which: the
 * sentence must not name the server for a network that dropped the connection.
 */
export function closedUnwelcomed(
  platformUrl: string,
  reason: string,
  violation: boolean,
  reached?: ReachedBefore,
): string {
  const closed = violation
    ? `Standby closed the connection to ${platformUrl} before the platform let it in`
    : `The connection to ${platformUrl} ended before the platform let Standby in`
  const advice = reachedAt(platformUrl, reached)
    ? `${ADDRESS_IS_RIGHT}: if this goes on, check your connection, or tell the platform's support.`
    : "If this goes on, check the platform address, or tell the platform's support."
  return `${closed} (${reason}). ${advice}`
}

/**
 * Why the platform closed a connection it said it closed for sending far more than its allowance
 * (ClosingNotice): Standby's own doing, which a restart may end, and not the network's.
 */
export const CUT_FOR_TOO_MANY_MESSAGES =
  'the platform cut the connection because Standby sent it too many messages'

/**
 * How a connection the platform had let in was lost, as welcome-probation.ts reads it: the platform
 * broke the protocol (`violation`) or said it closed the connection (`announced`), and `carried` is
 * set when the loss is one more of a row soon after being let in, whose backoff carries on.
 */
export interface Loss {
  readonly violation: boolean
  readonly announced: boolean
  readonly carried: number | undefined
  /** Whether this loss and the one before it were connections closed soon after being let in (WelcomeProbation.cutAgain). */
  readonly cutAgain?: boolean
}

/**
 * A connection the platform had let in, lost for `reason`. The network is what to check when it
 * may have dropped the connection; not when the platform closed it, or broke it, itself: advice to
 * check a network that works sends the expert astray while the platform's support could help. A
 * row of connections cut soon after each was let in is a proxy or firewall on the way, or the
 * platform: a single network drop does not come back the moment Standby is let in. A row with a
 * connection that went quiet in it is said to be one, without the proxy: nothing was cut.
 */
export function connectionLost(reason: string, loss?: Loss): string {
  if (reason === CUT_FOR_TOO_MANY_MESSAGES)
    return `Connection lost: ${reason}. If this happens again, quit and restart Standby; if it goes on, tell the platform's support.`
  if (loss?.violation === true || loss?.announced === true)
    return `Connection lost (${reason}). If this goes on, tell the platform's support.`
  if (loss?.carried !== undefined && loss.cutAgain !== true)
    return `Connection lost again soon after the platform let Standby in (${reason}). If this goes on, check your connection.`
  if (loss?.carried !== undefined)
    return `Connection lost again soon after the platform let Standby in (${reason}). If this goes on, check your connection (a proxy or firewall on it may be cutting connections) or tell the platform's support.`
  return `Connection lost (${reason}). If this goes on, check your connection.`
}
