/**
 * Where a server that answered the WebSocket's upgrade with a redirect sent it, or how long a busy
 * one asked Standby to wait. ws fails such an
 * attempt as "Unexpected server response: 301" and drops the answer's Location, and the expert was
 * told the server was no Standby platform, with no word of the address it names: a platform moved
 * to https behind a redirect looked like a wrong address. The redirect is never followed (the
 * address is the one the expert signed in with, and the token goes nowhere else).
 */
import { platformAddressAt } from '../core/connection/redirect-address'
import { REDIRECT_STATUSES } from '../../shared/redirect-status'

/** Where socket.io asks under the platform address: no part of the address to sign in with. */
const SOCKET_IO_PATH = '/socket.io'

/** The part of an HTTP answer read here. */
interface Answer {
  readonly statusCode?: number
  readonly headers?: { readonly location?: unknown; readonly 'retry-after'?: unknown }
}

/**
 * What an answer refusing the upgrade said beyond its status: the platform address a redirect
 * names, or the seconds a busy server (503, 429) asked to be left before the next attempt. ws
 * drops the answer, its body with the platform's sentence included, before anything else reads it.
 */
export interface UpgradeAnswer {
  readonly redirectedTo?: string
  readonly retryAfterSeconds?: number
}

/** Statuses whose Retry-After asks a client to wait before it tries again. */
const BUSY = new Set([429, 503])

/**
 * Watch the upgrade request of `engine`'s WebSocket (opened at this moment) for a redirect or a
 * busy server's Retry-After (in seconds: an HTTP date is no wait a platform sends), and tell
 * `noted`. Does nothing when this version of engine.io or ws keeps them otherwise: the attempt is
 * then told by its status alone, as before.
 */
export function watchUpgradeAnswer(engine: unknown, noted: (answer: UpgradeAnswer) => void): void {
  const ws = (engine as { transport?: { ws?: { url?: unknown; _req?: unknown } } } | undefined)?.transport?.ws
  const req = ws?._req as { on?: unknown } | null | undefined
  if (typeof ws?.url !== 'string' || typeof req?.on !== 'function') return
  const asked = ws.url
  // Heard after ws's own listener, which fails the attempt only on the next tick.
  ;(req as { on(event: 'response', listener: (answer: Answer) => void): unknown }).on(
    'response',
    (answer) => {
      const status = answer.statusCode ?? 0
      const wait = answer.headers?.['retry-after']
      if (BUSY.has(status) && typeof wait === 'string' && /^\s*\d{1,9}\s*$/.test(wait))
        return noted({ retryAfterSeconds: Number(wait) })
      const location = answer.headers?.location
      if (!REDIRECT_STATUSES.has(status) || typeof location !== 'string') return
      const target = platformAddressAt(location, asked, SOCKET_IO_PATH)
      if (target !== null) noted({ redirectedTo: target })
    },
  )
}
