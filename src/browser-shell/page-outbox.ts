/**
 * What the shell sends to one page. A page that sends calls but does not read the answers (a
 * stalled tab, a broken page) would otherwise make the shell hold every answer in memory: once
 * too many bytes wait to be sent, the shell stops reading that page's calls, and reads again once
 * the page has caught up. Nothing is dropped; the page's calls only wait.
 *
 * Pushes cannot be held back that way: they come from the app, not from the page's calls. A page
 * re-reads everything when its socket opens again, so a page too far behind on its pushes is
 * closed (FELL_BEHIND_CLOSE) rather than fed without end: it reconnects and loses nothing.
 */
import type { WebSocket } from 'ws'
import type { Logger } from '../shared/logger'
import { FELL_BEHIND_CLOSE } from '../shared/ipc/shell-socket'

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
  /** Send an answer if the page is still connected; it waits in memory while the page is slow. */
  send(text: string): void
  /** Send a push; the page is closed instead when too much already waits for it. */
  push(text: string): void
}

/** The bounds of one page's outbox, in bytes waiting to be sent. */
export interface OutboxLimits {
  /** Stop reading the page's calls past this. */
  readonly pauseAt: number
  /** Close the page rather than queue a push past this. */
  readonly closeAt: number
}

const LIMITS: OutboxLimits = { pauseAt: MOST_UNSENT_BYTES, closeAt: MOST_PUSHED_UNSENT_BYTES }

/** An outbox over `ws` within `limits`. */
export function pageOutbox(ws: WebSocket, log: Logger, limits: OutboxLimits = LIMITS): PageOutbox {
  let unsent = 0
  const send = (text: string): void => {
    if (ws.readyState !== ws.OPEN) return
    const bytes = Buffer.byteLength(text)
    unsent += bytes
    // Called once the bytes are handed to the system, or the connection failed: either way
    // they no longer wait here.
    ws.send(text, () => {
      unsent -= bytes
      // Half the limit, so a page reading at the edge is not paused and resumed on every answer.
      if (ws.isPaused && unsent <= limits.pauseAt / 2) ws.resume()
    })
    if (unsent > limits.pauseAt && !ws.isPaused) {
      log.warn(
        'Browser shell stopped reading calls from a page that does not read its answers; it reads them again once the page catches up.',
      )
      ws.pause()
    }
  }
  return {
    send,
    push(text) {
      if (ws.readyState !== ws.OPEN) return
      if (unsent + Buffer.byteLength(text) <= limits.closeAt) return send(text)
      log.warn(
        'Browser shell closed a page that fell behind on its pushes; it reconnects and reads everything again.',
      )
      // The close waits behind what is queued; ws destroys the socket if the page never answers it.
      ws.close(FELL_BEHIND_CLOSE.code, FELL_BEHIND_CLOSE.reason)
    },
  }
}
