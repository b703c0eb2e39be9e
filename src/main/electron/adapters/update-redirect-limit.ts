/**
 * The redirects of electron-updater's downloads (the update, its block maps), counted. Its HTTP
 * client (builder-util-runtime's doDownload) hands each redirect the count it was given, never one
 * more, so an address that redirects to itself (a misconfigured storage bucket or CDN) was asked
 * again for ever: the download never ended, not even to fall back from a block map to the whole
 * update, and went on in the background after Standby gave up on it. Each download is now asked
 * with the number of redirects it has followed, so electron-updater's own limit refuses the one
 * past it ("Too many redirects").
 */
import type { AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'

/** builder-util-runtime's download loop, as far as the count needs it. */
interface DownloadClient {
  doDownload(requestOptions: unknown, call: object, redirectCount: number): void
}

/** Ask every download of `updater` with the number of redirects it has followed. */
export function limitDownloadRedirects(updater: AppUpdater, log: Logger): void {
  const client = (updater as unknown as { httpExecutor?: Partial<DownloadClient> | null }).httpExecutor
  if (typeof client?.doDownload !== 'function') {
    log.warn('Updater: this version of electron-updater cannot count the redirects of a download.')
    return
  }
  // A redirect is asked with the same call as the request it redirects: each return is one more.
  const followed = new WeakMap<object, number>()
  const doDownload = client.doDownload.bind(client)
  client.doDownload = (requestOptions, call, redirectCount) => {
    const count = followed.has(call) ? (followed.get(call) ?? 0) + 1 : 0
    followed.set(call, count)
    return doDownload(requestOptions, call, Math.max(redirectCount, count))
  }
}
