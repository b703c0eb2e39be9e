/**
 * GET /rooms/<session id>?key=<room key>: the session's room page. The link is the permission
 * (room/room-link.ts); any other key, an unknown session or a malformed path gets the same 404
 * page, so a guess learns nothing, and a log line. The front door's Host rules apply as to every
 * route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { logExcerpt, type Logger } from '../logger'
import type { Marketplace } from '../marketplace/marketplace'
import { isRoomKey, ROOMS_PATH } from '../room/room-link'
import { renderRoomPage, ROOM_PAGE_CSP } from '../room/room-page'

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': ROOM_PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // The key is in the address: no other site may see it in a Referer.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const

/** A page with one heading and one sentence, both fixed text. */
function notice(heading: string, sentence: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${heading}</title></head>
<body><main><h1>${heading}</h1><p>${sentence}</p></main></body></html>
`
}

const NOT_A_ROOM = notice(
  'No such room',
  "This room link is not valid. Open the room from Standby: its link carries the room's key.",
)

const ALLOW = 'GET, HEAD, OPTIONS'

/**
 * The most messages a room page shows, the latest: a thread has no end while its session is open,
 * and a page of all of it would hold the platform (and the browser) for as long as it is long.
 */
export const MOST_ROOM_MESSAGES = 200

// The link may be right: only the method is wrong, so the page must not call the link invalid.
const WRONG_METHOD = notice(
  'Rooms are read with GET',
  'A room page is only read: open its link in a browser, which asks for it with GET.',
)

/** The session id in a room path, or null when the path is not one. */
function sessionIdOf(pathname: string): string | null {
  const encoded = pathname.slice(ROOMS_PATH.length)
  if (encoded === '' || encoded.includes('/')) return null
  try {
    return decodeURIComponent(encoded)
  } catch {
    return null
  }
}

/**
 * Answers `req` when `url` is a room page's address and returns true; false leaves the request
 * to the other routes.
 */
export function answerRoomPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { readonly marketplace: Marketplace; readonly logger: Logger },
): boolean {
  if (!url.pathname.startsWith(ROOMS_PATH)) return false
  const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { ...PAGE_HEADERS, ...headers })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
  // OPTIONS as on every other route (http/dispatch.ts): the methods to use, and no body.
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { allow: ALLOW, 'cache-control': 'no-store' })
    res.end()
    return true
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(405, WRONG_METHOD, { allow: ALLOW })
    return true
  }
  const { store } = deps.marketplace
  const sessionId = sessionIdOf(url.pathname)
  const keys = url.searchParams.getAll('key')
  const row = sessionId === null ? undefined : store.sessionRow(sessionId)
  if (row === undefined || keys.length !== 1 || !isRoomKey(keys[0] ?? null, row.room_key)) {
    deps.logger.warn('room link refused: unknown session or wrong key', {
      path: logExcerpt(url.pathname, 100),
    })
    send(404, NOT_A_ROOM)
    return true
  }
  const session = store.sessionFromRow(row)
  const { messages, earlier } = deps.marketplace.threadTail(
    session.request.id,
    session.expertId,
    MOST_ROOM_MESSAGES,
  )
  send(
    200,
    renderRoomPage({
      session,
      thread: messages,
      earlierMessages: earlier,
      timeZone: store.expert(session.expertId).timeZone,
    }),
  )
  return true
}
