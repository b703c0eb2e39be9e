/**
 * Whether bytes of the update are still arriving. electron-updater reports a download's progress
 * only when the server sends a Content-Length: without one (chunked transfer, a CDN compressing
 * on the fly) it says nothing until the end, and the update policy, which gives up on a download
 * that shows no sign of life, would give up on one that is merely slow, again at every retry.
 */
import type { AppUpdater } from 'electron-updater'
import type { Logger } from '../../core/ports/logger'

/** How many bytes arrive between two signs of life: a few seconds' worth on the slowest link. */
export const TRANSFER_SIGN_BYTES = 64 * 1024

/** The HTTP client electron-updater makes every request with (builder-util-runtime's). */
interface RequestMaker {
  createRequest(options: unknown, callback: (response: NodeJS.EventEmitter) => void): unknown
}

/** Told the bytes one answer has brought so far. */
export type TransferListener = (received: number) => void

/**
 * Calls the listener `watch` returns now with every TRANSFER_SIGN_BYTES that arrive on any of the
 * updater's requests, and how many that answer has brought in all; the listener can be replaced
 * (a download starting) or cleared (null).
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
      let since = 0
      let received = 0
      response.on('data', (chunk: { readonly length: number }) => {
        since += chunk.length
        received += chunk.length
        if (since < TRANSFER_SIGN_BYTES) return
        since = 0
        // Heard inside the response's own 'data' event: a listener that threw would be an error
        // nothing catches on the main process, so it is logged and the download goes on.
        try {
          listener?.(received)
        } catch (error) {
          log.error("Updater: a download's sign of life could not be passed on; the download goes on", error)
        }
      })
      callback(response)
    })
  return (next) => void (listener = next)
}
