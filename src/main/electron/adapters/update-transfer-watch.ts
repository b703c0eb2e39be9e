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
  createRequest(
    options: { readonly path?: unknown } | null | undefined,
    callback: (response: NodeJS.EventEmitter) => void,
  ): unknown
}

/**
 * Told the bytes one answer has brought so far, how many of them just arrived, and the path it
 * asked for (as builder-util-runtime's request options name it; undefined if they name none).
 */
export type TransferListener = (received: number, arrived: number, path: string | undefined) => void

/** A request as far as the watch ends it: Electron's and Node's both abort and say when closed. */
interface OpenRequest {
  abort?(): void
  once?(event: 'close', listener: () => void): unknown
  listenerCount?(event: 'error'): number
  emit?(event: 'error', error: Error): unknown
}

/** What the watch offers the adapter. */
export interface TransferWatch {
  /** Hear every piece from now on (a download starting), or nothing (null). */
  listen(listener: TransferListener | null): void
  /**
   * Close every answer still arriving. electron-updater's cancellation only rejects its promise:
   * the connection stays open and the file goes on being written, so a download given up as too
   * slow would still hold the half-downloaded update, and the link, for as long as the server likes.
   */
  cut(): void
}

/**
 * Watches every response to the updater's requests: tells the listener of every piece that arrives,
 * and how many bytes that answer has brought in all, and can close them all.
 */
export function watchTransfers(updater: AppUpdater, log: Logger): TransferWatch {
  let listener: TransferListener | null = null
  // The requests, not their answers: destroying Electron's answer leaves its connection open.
  const open = new Set<OpenRequest>()
  const listen = (next: TransferListener | null): void => void (listener = next)
  const cut = (): void => {
    for (const request of open) {
      request.abort?.()
      // Aborted before its answer, a request says only 'abort' (Node's and Electron's alike), and
      // electron-updater's differential download, which its cancellation does not reach, would wait
      // on it for ever: its download never ends, and every later one is handed that one.
      if ((request.listenerCount?.('error') ?? 0) > 0)
        request.emit?.('error', new Error('The download was cancelled'))
    }
    open.clear()
  }
  const client = (updater as unknown as { httpExecutor?: Partial<RequestMaker> | null }).httpExecutor
  if (typeof client?.createRequest !== 'function') {
    log.warn('Updater: this version of electron-updater cannot tell a slow download from a stalled one.')
    return { listen, cut }
  }
  const create = client.createRequest.bind(client)
  client.createRequest = (options, callback) => {
    const request = create(options, (response) => {
      let received = 0
      response.on('data', (chunk: { readonly length: number }) => {
        received += chunk.length
        // Heard inside the response's own 'data' event: a listener that threw would be an error
        // nothing catches on the main process, so it is logged and the download goes on.
        try {
          listener?.(received, chunk.length, typeof options?.path === 'string' ? options.path : undefined)
        } catch (error) {
          log.error("Updater: a download's sign of life could not be passed on; the download goes on", error)
        }
      })
      callback(response)
    }) as OpenRequest | null | undefined
    if (request === null || request === undefined) return request
    open.add(request)
    request.once?.('close', () => open.delete(request))
    return request
  }
  return { listen, cut }
}
