/**
 * `net.request`, for electron-updater's downloads. The requests go
 * through Node's http and only to loopback: a test never reaches the network. As Electron's, a
 * request hears a 3xx as a `redirect` event (status, method, the absolute address, headers), never
 * as a response, whatever its redirect mode; one that is not aborted there fails (Electron would
 * follow it, which this fake does not: electron-updater aborts and asks the new address itself).
 */
import {
  request as httpRequest,
  type ClientRequest as NodeClientRequest,
  type IncomingMessage,
} from 'node:http'
import type { ClientRequestConstructorOptions } from 'electron'

/** What electron-updater passes: Electron's options, with a session it made. */
type NetRequestOptions = ClientRequestConstructorOptions & Record<string, unknown>

/** `net`: requests answered by a loopback server, with the `response` event Electron's have. */
export const fakeNet = {
  request(options: NetRequestOptions): NodeClientRequest {
    const host = String(options.hostname ?? options.host ?? '')
    if (options.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(host)) {
      throw new Error(
        `fake net.request to ${String(options.protocol)}//${host}: tests reach only http://127.0.0.1`,
      )
    }
    const { session: _session, redirect, ...rest } = options
    const method = rest.method ?? 'GET'
    const request = httpRequest({
      protocol: 'http:',
      hostname: host,
      port: rest.port,
      path: rest.path,
      method,
      headers: rest.headers as Record<string, string> | undefined,
    })
    hearRedirects(request, `http://${host}:${String(rest.port)}${String(rest.path)}`, redirect)
    request.on('response', (response: IncomingMessage) => destroyAsElectronDoes(request, response))
    abortAsElectronDoes(request)
    return request
  },
  /** How many requests are held open: their answer destroyed unread, the request never aborted. */
  requestsHeldOpen(): number {
    return [...heldOpen].filter((request) => !request.destroyed).length
  },
}

/** Requests whose answer was destroyed before its end while they were not aborted. */
const heldOpen = new Set<NodeClientRequest>()

/**
 * Electron's IncomingMessage.destroy() stops reading the answer but leaves its request's loader,
 * and the connection, open and paused: only request.abort() ends them. Node's would close the socket.
 */
function destroyAsElectronDoes(request: NodeClientRequest, response: IncomingMessage): void {
  response._destroy = (error, callback) => {
    if (!response.complete && !request.destroyed) heldOpen.add(request)
    callback(error)
  }
  request.on('close', () => heldOpen.delete(request))
}

/**
 * Electron's request.abort() says 'abort' and 'close' only. Node's also fails a request still
 * awaiting its answer ('socket hang up'), which would end waits that in Electron go on for ever.
 */
function abortAsElectronDoes(request: NodeClientRequest): void {
  let aborted = false
  const abort = request.abort.bind(request)
  request.abort = () => {
    aborted = true
    abort()
  }
  const emit = request.emit.bind(request)
  request.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    const reset = (args[0] as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET'
    if (event === 'error' && aborted && reset) return false
    return emit(event, ...args)
  }) as NodeClientRequest['emit']
}

/** Turn a 3xx answer to `request` into Electron's `redirect` event, resolved against `from`. */
function hearRedirects(request: NodeClientRequest, from: string, mode: string | undefined): void {
  const emit = request.emit.bind(request)
  request.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'response') return emit(event, ...args)
    const response = args[0] as IncomingMessage
    const status = response.statusCode ?? 0
    const location = response.headers.location
    if (status < 300 || status >= 400 || location === undefined) return emit(event, ...args)
    // The body of a redirect is not read, and its end (the request aborted) is no error.
    response.on('error', () => {})
    response.resume()
    const heard = emit('redirect', status, request.method, new URL(location, from).href, response.headers)
    if (!request.destroyed) request.destroy(new Error(unfollowed(mode)))
    return heard
  }) as NodeClientRequest['emit']
}

/** Why a redirect the request was not aborted at ends it. */
function unfollowed(mode: string | undefined): string {
  // Electron's own words for a manual redirect nobody followed.
  if (mode === 'manual') return 'Redirect was cancelled'
  return 'fake net.request follows no redirect by itself: abort the request and ask the new address'
}
