/**
 * Which route answers a request: by path, then by method. A path that exists but not for this
 * method gets 405 with the methods it does answer (HEAD with every GET, OPTIONS everywhere), and
 * OPTIONS gets those methods and no body, so a client learns what it may send instead of a 404.
 */
import type { IncomingMessage } from 'node:http'
import { PlatformError } from '../platform-error'
import type { Route } from './http-util'

/** The route to run and its path parameters, or `options` when the answer is the Allow list alone. */
export type Dispatch =
  | { readonly kind: 'route'; readonly route: Route; readonly params: ReadonlyArray<string> }
  | { readonly kind: 'options'; readonly allow: string }

/** Find the route for `req` at `pathname`; throws the 404 or 405 the request deserves. */
export function dispatch(routes: ReadonlyArray<Route>, req: IncomingMessage, pathname: string): Dispatch {
  // HEAD is GET without the body; Node's response leaves the body out by itself.
  const method = req.method === 'HEAD' ? 'GET' : req.method
  const methods = new Set<string>()
  for (const route of routes) {
    const match = route.path.exec(pathname)
    if (match === null) continue
    if (route.method === method) return { kind: 'route', route, params: match.slice(1) }
    methods.add(route.method)
  }
  if (methods.size === 0)
    throw new PlatformError(
      'not_found',
      `No endpoint ${String(req.method).slice(0, 20)} ${pathname.slice(0, 200)}.`,
    )
  if (methods.has('GET')) methods.add('HEAD')
  methods.add('OPTIONS')
  const allow = [...methods].join(', ')
  if (req.method === 'OPTIONS') return { kind: 'options', allow }
  throw new PlatformError(
    'invalid_payload',
    `${String(req.method).slice(0, 20)} is not answered at ${pathname.slice(0, 200)}; use ${allow}.`,
    { status: 405, allow },
  )
}
