/**
 * How many bytes of the update are arriving. electron-updater reports a download's progress only
 * when the server sends a Content-Length: without one (chunked transfer, a CDN compressing on the
 * fly) it says nothing until the end, and the update policy, which gives up on a download that
 * brings too few bytes, would give up on one that is merely slow, again at every retry. Counted
 * here, on the wire, the policy also tells a trickle from progress whatever the server says.
 */
import type { AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'

/** The HTTP client electron-updater makes every request with (builder-util-runtime's). */
interface RequestMaker {
  createRequest(options: unknown, callback: (response: NodeJS.EventEmitter) => void): unknown
}

/** Told the bytes one answer has brought so far, and how many of them just arrived. */
export type TransferListener = (received: number, arrived: number) => void

/**
 * Calls the listener `watch` returns now with every piece that arrives on any of the updater's
 * requests, and how many that answer has brought in all; the listener can be replaced (a download
 * starting) or cleared (null).
 */
export function watchTransfers(
  updater: AppUpdater,
  log: Logger,
): (listener: TransferListener | null) => void {
  let listener: TransferListener | null = null
  const client = (updater as unknown as { httpExecutor?: Partial<RequestMaker> | null }).httpExecutor
  if (typeof client?.createRequest !== 'function') {
    log.warn('Updater: this version of electron-updater cannot tell a slow download from a stalled one.')
    return (next) => void (listener = next)
  }
  const create = client.createRequest.bind(client)
  client.createRequest = (options, callback) =>
    create(options, (response) => {
      let received = 0
      response.on('data', (chunk: { readonly length: number }) => {
        received += chunk.length
        // Heard inside the response's own 'data' event: a listener that threw would be an error
        // nothing catches on the main process, so it is logged and the download goes on.
        try {
          listener?.(received, chunk.length)
        } catch (error) {
          log.error("Updater: a download's sign of life could not be passed on; the download goes on", error)
        }
      })
      callback(response)
    })
  return (next) => void (listener = next)
}
