/**
 * The shell's answer to a CONNECT. Node hands that method to no route and, with no listener for
 * it, drops the connection without a word; the shell is no proxy, and says so as it does for every
 * other method it does not serve, with the headers every answer carries.
 */
import type { Server } from 'node:http'
import { describeAddress } from '../shared/describe-untrusted'
import type { Logger } from '../main/core/ports/logger'
import { plainText } from '../main/node/renderer-pages/renderer-pages'
import { answerAndClose } from './raw-answer'

/** Answers every CONNECT to `http` with 405 and closes its connection, with a log line. */
export function refuseConnect(http: Server, log: Pick<Logger, 'warn'>): void {
  http.on('connect', (req, socket) => {
    log.warn(`Browser shell refused a CONNECT to ${describeAddress(req.url)}: it is no proxy.`)
    answerAndClose(socket, plainText(405, 'Standby’s pages are only read.'))
  })
}
