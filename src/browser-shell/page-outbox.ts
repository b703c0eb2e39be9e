/**
 * What the shell sends to one page, and how much of the page's calls it takes on at once. A page
 * that sends calls but does not read the answers (a stalled tab, a broken page) would otherwise
 * make the shell hold every answer in memory, and a page that sends calls faster than they are
 * answered would make it hold every call: once too many bytes wait to be sent, or too many calls
 * wait for their answers, the shell stops reading that page's calls, and reads again once the
 * page has caught up. Nothing is dropped; the page's calls only wait. A socket's one read holds
 * many frames, all handed over even once reading stops: those past the bound wait here as they
 * came, and start as the page catches up.
 *
 * Pushes cannot be held back that way: they come from the app, not from the page's calls. A page
 * re-reads everything when its socket opens again, so a page too far behind on its pushes is
 * closed (FELL_BEHIND_CLOSE) rather than fed without end: it reconnects and loses nothing.
 */
import type { WebSocket } from 'ws'
import type { Logger } from '../shared/logger'
import { FELL_BEHIND_CLOSE } from '../shared/ipc/shell-socket'
import { MOST_CALLS_IN_FLIGHT } from '../main/core/ipc/calls-in-flight'

/** How many bytes may wait to be sent to one page before the shell stops reading its calls. */
export const MOST_UNSENT_BYTES = 1024 * 1024

/**
 * How many bytes may wait to be sent to one page before a push closes its socket. Above the
 * pause bound, with room for the answers to calls already read when the page was paused, so a
 * page that is only slow on its calls is paused, never closed; a push carries one change, so this
 * many bytes waiting means the page has stopped reading, and each page costs at most this much.
 */
export const MOST_PUSHED_UNSENT_BYTES = 4 * MOST_UNSENT_BYTES

/** Sends to one page. */
export interface PageOutbox {
  /**
   * Starts a call read from the page, now or, while reading is held, once the page has caught up;
   * sends the answer `start` gives once it settles (nothing when it settles undefined), counting
   * the call in flight until then.
   */
  take(start: () => Promise<string | undefined>): void
  /** The page's socket closed: the calls still waiting start now, to be answered as their page left. */
  flush(): void
  /**
   * Send what is already settled (an answer kept while the page was away, one to a call of its
   * older socket, the list of calls still known). It waits in bytes like any answer, so the
   * page's next answers find less room, but it stops no reading itself: it was held in memory
   * already, and says nothing of how the page reads or how fast it sends (a page just reconnected
   * has had no chance to read it).
   */
  send(text: string): void
  /** Send a push; the page is closed instead when too much already waits for it. */
  push(text: string): void
  /** Answer the page's ping, counted with its answers: a page that pings and never reads is paused too. */
  pong(data: Buffer): void
}

/** The bounds of one page's outbox. */
export interface OutboxLimits {
  /** Stop reading the page's calls past this many bytes waiting to be sent. */
  readonly pauseAt: number
  /** Close the page rather than queue a push past this many bytes waiting to be sent. */
  readonly closeAt: number
  /** Stop reading the page's calls once this many wait for their answers. */
  readonly callsInFlight: number
}

const LIMITS: OutboxLimits = {
  pauseAt: MOST_UNSENT_BYTES,
  closeAt: MOST_PUSHED_UNSENT_BYTES,
  callsInFlight: MOST_CALLS_IN_FLIGHT,
}

/** An outbox over `ws` within `limits`. */
export function pageOutbox(ws: WebSocket, log: Logger, limits: OutboxLimits = LIMITS): PageOutbox {
  let unsent = 0
  let inFlight = 0
  // Calls read while reading was held: at most what the socket had read when it stopped.
  const waiting: Array<() => Promise<string | undefined>> = []

  // Why reading is paused, each said once: a page may be behind on both counts.
  const held = { bytes: false, calls: false }
  const hold = (reason: keyof typeof held, why: string): void => {
    if (held[reason]) return
    held[reason] = true
    log.warn(
      `Browser shell stopped reading calls from a page that ${why}; it reads them again once the page catches up.`,
    )
    if (!ws.isPaused) ws.pause()
  }
  const holding = (): boolean => held.bytes || held.calls
  // Each hold ends at half of its bound, so a page at the edge is not paused and resumed on
  // every answer.
  const resumeIfCaughtUp = (): void => {
    if (unsent <= limits.pauseAt / 2) held.bytes = false
    if (inFlight <= limits.callsInFlight / 2) held.calls = false
    // A call read already costs nothing more to start than to keep: each answered call makes room
    // for one at once, where the socket waits for half to be answered not to stop and go each time.
    while (waiting.length > 0 && !held.bytes && inFlight < limits.callsInFlight) answer(waiting.shift()!())
    if (ws.isPaused && !holding()) ws.resume()
  }

  // `write` is given the callback ws calls once the bytes are handed to the system, or the
  // connection failed: either way they no longer wait here.
  const counted = (bytes: number, write: (sent: () => void) => void, mayHold = true): void => {
    if (ws.readyState !== ws.OPEN) return
    unsent += bytes
    write(() => {
      unsent -= bytes
      resumeIfCaughtUp()
    })
    // Answers, pushes and pongs all wait here: the line names none of them alone.
    if (mayHold && unsent > limits.pauseAt) hold('bytes', 'does not read what the shell sends it')
  }
  const send = (text: string, mayHold = true): void =>
    counted(Buffer.byteLength(text), (sent) => ws.send(text, sent), mayHold)

  const answer = (pending: Promise<string | undefined>): void => {
    inFlight++
    if (inFlight >= limits.callsInFlight) hold('calls', 'sends calls faster than they are answered')
    void pending.then((text) => {
      inFlight--
      if (text !== undefined) send(text)
      resumeIfCaughtUp()
    })
  }

  return {
    take(start) {
      // Behind the calls already waiting, so a page's calls start in the order it sent them.
      if (holding() || waiting.length > 0 || inFlight >= limits.callsInFlight) waiting.push(start)
      else answer(start())
    },
    flush() {
      for (const start of waiting.splice(0)) answer(start())
    },
    send: (text) => send(text, false),
    push(text) {
      if (ws.readyState !== ws.OPEN) return
      if (unsent + Buffer.byteLength(text) <= limits.closeAt) return send(text)
      log.warn(
        'Browser shell closed a page that fell behind on its pushes; it reconnects and reads everything again.',
      )
      // The close waits behind what is queued; ws destroys the socket if the page never answers it.
      ws.close(FELL_BEHIND_CLOSE.code, FELL_BEHIND_CLOSE.reason)
    },
    pong(data) {
      // A control frame's two-byte header; the payload is at most 125 bytes.
      counted(data.length + 2, (sent) => ws.pong(data, false, sent))
    },
  }
}
