/**
 * In an ordinary browser there is no preload, so the page builds `window.standby` itself over a
 * WebSocket to the browser shell that served it. Same contract, same API; only the carrier
 * differs. The socket presents this run's secret (shell-secret.ts); with the same secret in its
 * address, the page comes with its first frame pre-rendered. It also names the page with an id
 * drawn once per load, so the calls in flight when the socket drops are answered once it opens
 * again: the shell kept on with them (page-calls.ts).
 */
import { jitteredBackoff, type BackoffRange } from '../shared/backoff'
import { type PushEvent, type PushPayload } from '../shared/ipc/contract'
import type { IpcResult } from '../shared/ipc/result'
import { callFailed, notCarriedOut } from '../shared/ipc/call-phrases'
import { buildStandbyApi, type StandbyApi, type StandbyTransport } from '../shared/ipc/standby-api'
import {
  IPC_SOCKET_PATH,
  MOST_CALL_BYTES,
  PAGE_PARAM,
  SECRET_PARAM,
  TOO_MANY_PAGES_CLOSE,
  WRONG_KEY_CLOSE,
} from '../shared/ipc/shell-socket'
import { Listeners, type Unsubscribe } from '../shared/listeners'
import { pendingCalls } from './pending-calls'
import { takeShellSecret } from './shell-secret'

/** How the page's socket to the shell retries: soon at first (the shell is local), then less often. */
export const SHELL_RECONNECT: BackoffRange = { startMs: 250, capMs: 5_000 }

/** What the transport needs from the page; tests pass their own. */
export interface SocketTransportDeps {
  /** The page's WebSocket; `ws` in tests. */
  readonly WebSocket?: new (url: string) => WebSocket
  /** Runs `retry` after `ms`; the page's timer unless given. */
  readonly schedule?: (retry: () => void, ms: number) => void
  readonly random?: () => number
  /** Runs `fail` after `ms`, for calls waiting on a dropped socket; the page's timer unless given. */
  readonly waitForShell?: (fail: () => void, ms: number) => void
  /** The id the page names itself with on every socket; drawn at random unless given. */
  readonly pageId?: string
  /** Whether the page is looked at, and word when it is again; the document's visibility unless given. */
  readonly shown?: PageShown
}

/** Whether a page is on screen, and word each time it comes back on screen. */
export interface PageShown {
  visible(): boolean
  onShown(listener: () => void): void
}

/** The document's own visibility; without a document (a test's page), always on screen. */
const documentShown: PageShown = {
  visible: () => typeof document === 'undefined' || document.visibilityState === 'visible',
  onShown: (listener) =>
    globalThis.document?.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') listener()
    }),
}

/** Why a tab the shell closed for too many pages waits, as its calls meanwhile say. */
const SET_ASIDE =
  'more Standby pages are open than the browser shell keeps, so this tab was set aside; it reconnects when you come back to it'

/** Why a page whose key the shell refused does not connect, as its calls say. */
const KEY_REFUSED =
  'the Standby browser shell refused the key this page holds (Standby was restarted since it was opened); open Standby from the link it printed this time'

/** The contract over a WebSocket, plus word of each reconnection. */
export interface SocketTransport extends StandbyTransport {
  /**
   * Calls `listener` each time the socket opens again after it was lost: pushes sent meanwhile
   * are gone, so whoever shows the app's state reads it all again.
   */
  onReconnected(listener: () => void): Unsubscribe
  /** Calls `listener` once the shell refused the page's key: it tries no more. */
  onKeyRefused(listener: () => void): Unsubscribe
}

/**
 * A transport over a WebSocket. When the socket closes (the shell restarted, or refused a frame)
 * it opens again by itself, sooner after a short outage than after a long one.
 */
export function webSocketTransport(url: string, deps: SocketTransportDeps = {}): SocketTransport {
  const Socket = deps.WebSocket ?? WebSocket
  const schedule = deps.schedule ?? ((retry, ms) => void window.setTimeout(retry, ms))
  const random = deps.random ?? Math.random
  const waitForShell = deps.waitForShell ?? ((fail, ms) => void window.setTimeout(fail, ms))
  const pageUrl = `${url}${url.includes('?') ? '&' : '?'}${PAGE_PARAM}=${deps.pageId ?? newPageId()}`
  let socket: WebSocket | undefined
  let nextId = 1
  const pending = pendingCalls(waitForShell)
  const listeners = new Map<string, Listeners<unknown>>()
  const reconnected = new Listeners<void>()
  const refused = new Listeners<void>()
  // Refused for its key, the page would be refused at every attempt: it stops, and says so.
  let keyRefused = false
  let opened: Promise<WebSocket> | undefined
  let wasOpen = false
  let failures = 0
  let retrying = false
  const shown = deps.shown ?? documentShown
  // Closed by the shell for too many pages while in the background: reconnecting at once would
  // close the next oldest tab, which would do the same, tab after tab, without end. It waits
  // until it is looked at again (then the next oldest, in the background, waits in its turn).
  let setAside = false
  shown.onShown(() => {
    if (setAside) void open().catch(() => undefined)
  })

  const open = (): Promise<WebSocket> => {
    if (keyRefused) return Promise.reject(new Error(KEY_REFUSED))
    if (setAside) {
      if (!shown.visible()) return Promise.reject(new Error(SET_ASIDE))
      setAside = false
    }
    return connect()
  }
  const connect = (): Promise<WebSocket> =>
    (opened ??= new Promise((resolve, reject) => {
      const ws = new Socket(pageUrl)
      ws.addEventListener('open', () => {
        socket = ws
        failures = 0
        resolve(ws)
        if (wasOpen) reconnected.emit()
        wasOpen = true
      })
      ws.addEventListener('message', (event) => deliver(String(event.data)))
      // A failed socket closes next, and the retry is planned there.
      ws.addEventListener('error', () => undefined)
      ws.addEventListener('close', (event) => {
        opened = undefined
        socket = undefined
        setAside = event.code === TOO_MANY_PAGES_CLOSE.code && !shown.visible()
        pending.dropped()
        reject(new Error('closed'))
        if (event.code === WRONG_KEY_CLOSE.code) {
          keyRefused = true
          // Another run of the shell: it never heard of these calls, nor will the page reconnect.
          pending.lost()
          refused.emit()
        } else if (!setAside) retryLater()
      })
    }))

  // One retry waits at a time, however many calls found the socket closed meanwhile.
  function retryLater(): void {
    if (retrying) return
    retrying = true
    failures++
    schedule(
      () => {
        retrying = false
        void open().catch(() => undefined)
      },
      jitteredBackoff(SHELL_RECONNECT, failures, random()),
    )
  }

  function deliver(text: string): void {
    let message: {
      id?: number
      result?: IpcResult<unknown>
      event?: string
      payload?: unknown
      known?: unknown
    }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      console.warn('Standby: the browser shell sent a message that is not JSON; it was ignored.')
      return
    }
    // JSON that is no object (null, a number, a string) has no fields to read: reading them would
    // throw out of the socket's listener.
    if (typeof message !== 'object' || message === null) {
      console.warn('Standby: the browser shell sent a message that is not an object; it was ignored.')
      return
    }
    if (message.id !== undefined && message.result !== undefined) {
      pending.answered(message.id, message.result)
    } else if (message.known !== undefined) {
      pending.known(message.known)
    } else if (message.event !== undefined) {
      listeners.get(message.event)?.emit(message.payload)
    }
  }

  return {
    async invoke(channel, request) {
      const ws = socket ?? (await open())
      const id = nextId++
      // A socket closing drops what is sent on it: the call is not sent, and says so.
      if (ws.readyState !== ws.OPEN) {
        console.warn(`Standby: ${channel} was not sent: the socket to the browser shell is closing.`)
        return notCarriedOut(
          channel,
          'the window lost its connection to Standby. It reconnects by itself; then try again.',
        )
      }
      // Written out first: a request that is no JSON (a cycle, a BigInt) rejects here, before it waits.
      const text = JSON.stringify({ id, channel, request })
      // The shell would close the socket on it, and every other call waiting on the socket with it.
      if (text.length > MOST_CALL_BYTES / 3 && new TextEncoder().encode(text).length > MOST_CALL_BYTES) {
        console.warn(
          `Standby: ${channel} was not sent: its request is over ${MOST_CALL_BYTES / 1_000_000} MB.`,
        )
        return callFailed(
          channel,
          'invalid_payload',
          `what was sent is too large for Standby (over ${MOST_CALL_BYTES / 1_000_000} MB); make it shorter.`,
        )
      }
      return new Promise((resolve) => {
        pending.add(id, resolve as (result: IpcResult<unknown>) => void)
        ws.send(text)
      })
    },
    subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void) {
      const forEvent = listeners.get(event) ?? new Listeners<unknown>()
      listeners.set(event, forEvent)
      const unsubscribe = forEvent.add(listener as (payload: unknown) => void)
      void open().catch(() => undefined)
      return unsubscribe
    },
    onReconnected: (listener) => reconnected.add(listener),
    // Refused once, the page stays refused: a listener that comes later hears it at once.
    onKeyRefused: (listener) => {
      if (keyRefused) listener()
      return refused.add(listener)
    },
  }
}

/** A page id no other page holds: sixteen random bytes, in hex. */
function newPageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

let builtHere: SocketTransport | undefined

/** True when the page runs in a plain browser (the API was built here, not by the preload). */
export function runsInBrowser(): boolean {
  return builtHere !== undefined
}

/**
 * Calls `listener` each time the page's socket to the browser shell opens again after it was
 * lost. Never in Electron, whose IPC is not lost while the page lives.
 */
export function onShellReconnected(listener: () => void): () => void {
  return builtHere?.onReconnected(listener) ?? (() => undefined)
}

/** Calls `listener` once the browser shell refused this page's key. Never in Electron. */
export function onShellKeyRefused(listener: () => void): () => void {
  return builtHere?.onKeyRefused(listener) ?? (() => undefined)
}

/** `window.standby` from the preload, or built here when the page runs in a plain browser. */
export function standbyApi(): StandbyApi {
  if (window.standby !== undefined) return window.standby
  const secret = takeShellSecret() ?? ''
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  builtHere = webSocketTransport(
    `${scheme}//${window.location.host}${IPC_SOCKET_PATH}?${SECRET_PARAM}=${encodeURIComponent(secret)}`,
  )
  const api = buildStandbyApi(builtHere)
  Object.defineProperty(window, 'standby', { value: api, configurable: false, writable: false })
  return api
}
