/**
 * Answers one HTTP request: the room page, or the route its path and method find (admin routes
 * behind their access check), with what the route does not take refused first. A refusal is sent
 * as JSON with its status, and logged when the operator should see it (invalid input, an
 * unauthorized caller); anything else that fails is a 500 with a line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HTTP_PATHS } from '../../../src/shared/protocol'
import { requestTarget } from '../../../src/shared/request-target'
import type { Logger } from '../logger'
import type { Marketplace } from '../marketplace/marketplace'
import { PlatformError } from '../platform-error'
import { checkAdminAccess } from './admin-access'
import { dispatch } from './dispatch'
import { logInvalidRequest, sendError, sendJson, type Route } from './http-util'
import { answerRoomPage } from './room-route'
import type { UnauthorizedLog } from './unauthorized-log'
import { refuseUnexpectedInput } from './unexpected-input'

/** What answering a request needs. */
export interface RequestDeps {
  readonly api: ReadonlyArray<Route>
  readonly admin: ReadonlyArray<Route>
  readonly adminToken: string
  readonly logger: Logger
  readonly unauthorized: UnauthorizedLog
  readonly marketplace: Marketplace
}

/** Answer `req` on `res`; never throws. */
export async function answerRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: RequestDeps,
): Promise<void> {
  let path = '(unparsed)'
  // Only the admin door's own refusals are of a caller turned away before its token was looked at:
  // an endpoint behind it may refuse the operator's own call as forbidden for what it asks.
  let turnedAwayAtAdminDoor = false
  try {
    const url = requestTarget(req.url, 'http://platform.invalid')
    if (url === null)
      throw new PlatformError('invalid_payload', 'The address of this request is not a valid URL.')
    path = url.pathname
    if (answerRoomPage(req, res, url, deps)) return
    const isAdmin = url.pathname.startsWith('/admin/')
    if (isAdmin) {
      turnedAwayAtAdminDoor = true
      checkAdminAccess(req, deps.adminToken)
      turnedAwayAtAdminDoor = false
    }
    const found = dispatch(isAdmin ? deps.admin : deps.api, req, url.pathname)
    if (found.kind === 'options') {
      res.writeHead(204, { allow: found.allow, 'cache-control': 'no-store' })
      return void res.end()
    }
    await refuseUnexpectedInput(found.route, req, url)
    return sendJson(res, 200, await found.route.handle(req, url, found.params))
  } catch (error) {
    if (error instanceof PlatformError) {
      logInvalidRequest(deps.logger, req, path, error)
      // A failed sign-in writes its own line, beside its backoff. An admin call refused for where
      // it came from (another machine, a web page) is what an operator most needs to see.
      if (
        (error.code === 'unauthorized' && path !== HTTP_PATHS.signIn) ||
        (error.code === 'forbidden' && turnedAwayAtAdminDoor)
      )
        deps.unauthorized.noteRequest(req, path, error)
      return sendError(res, error)
    }
    deps.logger.error('request failed', { path, error: String(error) })
    sendJson(res, 500, { error: { code: 'internal', message: 'The platform failed to answer; try again.' } })
  }
}
