/**
 * Every request electron-updater makes goes over https (plain http only to this computer, where a
 * test or development feed runs). It follows any redirect the update server sends, to plain http
 * too, and the release information it reads there names the sha512 every download is checked
 * against: whoever sits on the way of a plain-http answer could name their own build, which an
 * AppImage would install with no other check. So a feed, a download or a redirect to plain http
 * is refused before it is asked, and said so.
 */
import type { AppUpdater } from 'electron-updater'
import { describeAddress } from '../../../shared/describe-untrusted'
import { isLoopbackHost } from '../../../shared/platform-url'
import type { Logger } from '../../core/ports/logger'

/** Where a request goes, as builder-util-runtime's request options say it. */
interface RequestTarget {
  readonly protocol?: unknown
  readonly hostname?: unknown
  readonly host?: unknown
  readonly port?: unknown
}

/** The HTTP client electron-updater makes every request with (builder-util-runtime's). */
interface RequestClient {
  createRequest(options: RequestTarget, callback: (response: NodeJS.EventEmitter) => void): unknown
  addRedirectHandlers(
    request: unknown,
    options: RequestTarget,
    reject: (error: Error) => void,
    redirectCount: number,
    handler: (options: RequestTarget) => void,
  ): void
}

/** Why a request to `target` may not be made, or null when it may. */
export function insecureUpdateRequest(target: RequestTarget): string | null {
  // builder-util-runtime leaves the protocol out for https, its default.
  const protocol = target.protocol === undefined ? 'https:' : String(target.protocol)
  const host = String(target.hostname ?? target.host ?? '')
  if (protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(host))) return null
  const port = target.port === undefined || target.port === null ? '' : `:${String(target.port)}`
  const where = describeAddress(`${protocol}//${host}${port}`)
  return `An update address is not https (${where}), so nothing was read from it: Standby takes updates over https only, and whoever publishes Standby has to serve them so`
}

/**
 * Refuse every request of `updater` that would not go over https: the first request (thrown, as
 * Electron's net.request throws for an address it will not ask) and every redirect (rejected, as
 * the redirect is heard in an event where a throw would reach nobody).
 */
export function httpsOnly(updater: AppUpdater, log: Logger): void {
  const client = (updater as unknown as { httpExecutor?: Partial<RequestClient> | null }).httpExecutor
  if (typeof client?.createRequest !== 'function' || typeof client.addRedirectHandlers !== 'function') {
    log.warn('Updater: this version of electron-updater cannot be held to https.')
    return
  }
  const create = client.createRequest.bind(client)
  client.createRequest = (options, callback) => {
    const refusal = insecureUpdateRequest(options)
    if (refusal !== null) throw new Error(refusal)
    return create(options, callback)
  }
  const onRedirect = client.addRedirectHandlers.bind(client)
  client.addRedirectHandlers = (request, options, reject, redirectCount, handler) =>
    onRedirect(request, options, reject, redirectCount, (next) => {
      const refusal = insecureUpdateRequest(next)
      if (refusal === null) return handler(next)
      log.warn(`Updater: ${refusal}.`)
      reject(new Error(refusal))
    })
}
