/** The current status line ("Not connected", "Online — 2 invites"…) and who wants to hear of changes. */
import { Listeners, type Unsubscribe } from '../../shared/listeners'

/** Holds the status line; the tray and the window both follow it. */
export interface StatusLineStore {
  /** The current text. */
  get(): string
  /** Changes the text; listeners hear only real changes. */
  set(text: string): void
  /** Calls the listener on every change until the returned function is called. */
  subscribe(listener: (text: string) => void): Unsubscribe
}

/** A status line starting at `initial`. */
export function createStatusLine(initial: string): StatusLineStore {
  let current = initial
  const listeners = new Listeners<string>()
  return {
    get: () => current,
    set(text) {
      if (text === current) return
      current = text
      listeners.emit(text)
    },
    subscribe: (listener) => listeners.add(listener),
  }
}
