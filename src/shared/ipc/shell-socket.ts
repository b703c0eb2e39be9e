/**
 * Where the browser shell carries the IPC contract: the page connects to this path on the shell's
 * own origin, presenting this run's secret in the query.
 */

/** The path of the shell's IPC WebSocket. */
export const IPC_SOCKET_PATH = '/standby-ipc'

/**
 * The largest call a page may send over the socket, in bytes of its JSON text: the shell closes
 * a socket that sends a larger one, so the page refuses such a call itself (none of the app's
 * requests comes near it). Electron's IPC has no limit of its own: its calls are held to the same
 * one (answer-call.ts).
 */
export const MOST_CALL_BYTES = 1_000_000

/** The query parameter that carries this run's secret, on the first address and on the socket. */
export const SECRET_PARAM = 'secret'

/**
 * How the shell closes a page's socket when the page fell too far behind on the pushes sent to it
 * (a code of the range kept for applications). Like any close, the page reconnects and re-reads.
 */
export const FELL_BEHIND_CLOSE = {
  code: 4008,
  reason: 'The page fell behind on the pushes; reconnect and read everything again.',
} as const

/**
 * How the shell closes its oldest page's socket when more pages are connected than it keeps. A
 * page on screen reconnects and re-reads, and is then the newest; one in the background waits
 * until it is looked at again, so tabs do not close one another in turn.
 */
export const TOO_MANY_PAGES_CLOSE = {
  code: 4009,
  reason: 'Too many pages are connected; the oldest is closed.',
} as const

/**
 * How the shell closes a socket from one of its own pages that presents another run's secret
 * (the shell restarted since the tab was opened, with a new secret). Refused at the handshake,
 * the page could not tell that from a shell that is down and would knock for ever; told this
 * way, it stops and says how to open Standby again.
 */
export const WRONG_KEY_CLOSE = {
  code: 4003,
  reason: "This page holds another run's key.",
} as const

/**
 * The query parameter that names the page on its socket: a random id the page draws once per
 * load. The shell keeps, for a while, the answers to that page's calls that settle while it has
 * no socket, and hands them over when the same page connects again (page-calls.ts).
 */
export const PAGE_PARAM = 'page'

/**
 * What a page id looks like: drawn at random, long enough that no other page guesses it, short
 * enough that the shell keeps little for it.
 */
export const PAGE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * The first message the shell sends a page that named itself: the ids of its calls the shell
 * still knows (still running, or answered while the page was away, the answers following). A
 * call the page still waits on that is not named was lost with the socket it went on.
 */
export interface KnownCallsMessage {
  readonly known: readonly number[]
}
