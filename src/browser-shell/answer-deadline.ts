/**
 * A bound on how long a client may take to read an answer. Node's own timeouts stop at the
 * request: an answer larger than the system's socket buffers waits in the shell until the client
 * reads it, so a client that asks and never reads would hold its connection, and the answer in
 * memory, for as long as it likes (and as many connections as it opens).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Logger } from '../main/core/ports/logger'

/**
 * Closes the connection of `res` if its client has not taken it `answerMs` after the shell had
 * written it; a page that reads its answers is never closed this way.
 */
export function watchAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  answerMs: number,
  log: Pick<Logger, 'warn'>,
): void {
  // 'prefinish': the whole answer is written on the shell's side; 'finish': the system took it.
  res.once('prefinish', () => {
    const deadline = setTimeout(() => {
      if (res.writableFinished || req.socket.destroyed) return
      log.warn(
        `Browser shell closed a connection whose client did not take its answer within ${answerMs / 1000} s.`,
      )
      req.socket.destroy()
    }, answerMs)
    // Nothing to wait for once the shell closes: the connection goes with it.
    deadline.unref()
    res.once('close', () => clearTimeout(deadline))
  })
}

/** Watches every answer of `http` (watchAnswer). */
export function closeUnreadAnswers(http: Server, answerMs: number, log: Pick<Logger, 'warn'>): void {
  http.on('request', (req, res) => watchAnswer(req, res, answerMs, log))
}
