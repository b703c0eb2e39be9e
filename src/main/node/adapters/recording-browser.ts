/**
 * The system browser in plain Node (browser shell, tests): there is no browser to hand a page to,
 * so each URL is kept, handed to the listeners, and printed as one line for the person at the
 * terminal to open, e.g. "[browser] Open in your browser: http://127.0.0.1:4455/rooms/…".
 */
import type { ExternalBrowser } from '../../core/ports/external-browser'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import { record } from './recorded-history'
import type { LineOutput } from './recording-notifier'

/** An ExternalBrowser that remembers what it was asked to open. */
export interface RecordingBrowser extends ExternalBrowser {
  /** The URLs opened so far, oldest first: the latest HISTORY_KEPT. */
  readonly opened: ReadonlyArray<string>
  /** Calls `listener` with each URL from now on. */
  onOpen(listener: (url: string) => void): Unsubscribe
}

/** A browser that records and prints; `out` is optional so tests can stay quiet. */
export function createRecordingBrowser(options: { readonly out?: LineOutput } = {}): RecordingBrowser {
  const opened: string[] = []
  const listeners = new Listeners<string>()
  return {
    opened,
    open(url) {
      record(opened, url)
      // One line whatever the text holds, so a URL cannot forge the lines after it.
      options.out?.write(`[browser] Open in your browser: ${url.replace(/\s/g, encodeURIComponent)}\n`)
      listeners.emit(url)
      return Promise.resolve()
    },
    onOpen: (listener) => listeners.add(listener),
  }
}
