/**
 * What the shell sends to one page. A page that sends calls but does not read the answers (a
 * stalled tab, a broken page) would otherwise make the shell hold every answer in memory: once
 * too many bytes wait to be sent, the shell stops reading that page's calls, and reads again once
 * the page has caught up. Nothing is dropped; the page's calls only wait.
 */
import type { WebSocket } from 'ws'
import type { Logger } from '../shared/logger'

/** How many bytes may wait to be sent to one page before the shell stops reading its calls. */
export const MOST_UNSENT_BYTES = 1024 * 1024

/** Sends to one page. */
export interface PageOutbox {
  /** Send `text` if the page is still connected; it waits in memory while the page is slow. */
  send(text: string): void
}

/** An outbox over `ws` that stops reading calls while more than `limit` bytes wait to be sent. */
export function pageOutbox(ws: WebSocket, log: Logger, limit: number = MOST_UNSENT_BYTES): PageOutbox {
  let unsent = 0
  return {
    send(text) {
      if (ws.readyState !== ws.OPEN) return
      const bytes = Buffer.byteLength(text)
      unsent += bytes
      // Called once the bytes are handed to the system, or the connection failed: either way
      // they no longer wait here.
      ws.send(text, () => {
        unsent -= bytes
        // Half the limit, so a page reading at the edge is not paused and resumed on every answer.
        if (ws.isPaused && unsent <= limit / 2) ws.resume()
      })
      if (unsent > limit && !ws.isPaused) {
        log.warn(
          'Browser shell stopped reading calls from a page that does not read its answers; it reads them again once the page catches up.',
        )
        ws.pause()
      }
    },
  }
}
