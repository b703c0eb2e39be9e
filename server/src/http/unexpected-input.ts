/**
 * Every route takes only the input it names: the query parameters it lists and, when it reads no
 * body, no body at all (an empty JSON object aside). A misspelt parameter or an option sent to an
 * endpoint that has none would otherwise be answered as if it were absent, so the caller would
 * believe it had been acted on; this is the same strictness every body and command has.
 */
import type { IncomingMessage } from 'node:http'
import { z } from 'zod'
import { describeIssues } from '../../../src/shared/describe-untrusted'
import { PlatformError } from '../platform-error'
import { readBody, readJson, refuseUnknownQuery, type Route } from './http-util'

const NO_KEYS = z.strictObject({})

/** True when the request carries a body (a declared length above zero, or one sent in chunks). */
function carriesBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
}

/** Refuse what `route` does not take: an unknown query parameter, or a body where it reads none. */
export async function refuseUnexpectedInput(route: Route, req: IncomingMessage, url: URL): Promise<void> {
  refuseUnknownQuery(url, route.query ?? [])
  if (route.readsBody === true || !carriesBody(req)) return
  // As sent: a HEAD is answered by its GET's route, and its refusal reaches only the log.
  const what = `${String(req.method)} ${url.pathname.slice(0, 200)}`
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') {
    // Chunks may add up to nothing (a client that streams every body): only bytes sent are a body.
    if (req.headers['content-length'] === undefined && (await readBody(req)).length === 0) return
    throw new PlatformError('invalid_payload', `${what} takes no body; send the request without one.`)
  }
  const keys = NO_KEYS.safeParse(await readJson(req))
  if (!keys.success)
    throw new PlatformError('invalid_payload', `${what} takes no body: ${describeIssues(keys.error.issues)}`)
}
