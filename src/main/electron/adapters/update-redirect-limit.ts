/**
 * The redirects of electron-updater's requests (the release information, the update, its block
 * maps), counted. Its HTTP client (builder-util-runtime's doApiRequest and doDownload) hands each
 * redirect the count it was given, never one more, so an address that redirects to itself (a
 * misconfigured storage bucket or CDN) was asked again for ever: the check or download never
 * ended, not even to fall back from a block map to the whole update, and went on in the background
 * after Standby gave up on it. Each request is now asked with the number of redirects it has
 * followed, so electron-updater's own limit refuses the one past it ("Too many redirects").
 */
import type { AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'

/** builder-util-runtime's request loops, as far as the count needs them. */
interface RedirectingClient {
  doApiRequest(options: unknown, token: unknown, requestProcessor: object, redirectCount?: number): unknown
  doDownload(requestOptions: unknown, call: object, redirectCount: number): void
}

/** Ask every request of `updater` with the number of redirects it has followed. */
export function limitRedirects(updater: AppUpdater, log: Logger): void {
  const client = (updater as unknown as { httpExecutor?: Partial<RedirectingClient> | null }).httpExecutor
  if (typeof client?.doDownload !== 'function' || typeof client.doApiRequest !== 'function') {
    log.warn('Updater: this version of electron-updater cannot count the redirects of a request.')
    return
  }
  // A redirect is asked with the same call (a download) or request processor (release
  // information) as the request it redirects: each return is one redirect more.
  const downloads = redirectCounter()
  const doDownload = client.doDownload.bind(client)
  client.doDownload = (requestOptions, call, redirectCount) =>
    doDownload(requestOptions, call, downloads(call, redirectCount))
  const apiRequests = redirectCounter()
  const doApiRequest = client.doApiRequest.bind(client)
  client.doApiRequest = (options, token, processor, redirectCount) =>
    doApiRequest(options, token, processor, apiRequests(processor, redirectCount))
}

/** The redirects each request has followed, known by what stays the same across them (`chain`). */
function redirectCounter(): (chain: object, given: number | undefined) => number {
  const followed = new WeakMap<object, number>()
  return (chain, given) => {
    const before = followed.get(chain)
    const count = before === undefined ? 0 : before + 1
    followed.set(chain, count)
    return Math.max(given ?? 0, count)
  }
}
