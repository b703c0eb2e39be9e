/**
 * In an ordinary browser there is no preload, so the page builds `window.standby` itself over a
 * WebSocket to the browser shell that served it. Same contract, same API; only the carrier
 * differs. The shell prints a URL whose query carries this run's secret (only this loopback
 * server ever sees it: with it, the page comes with its first frame pre-rendered); the page
 * keeps it in sessionStorage and removes it from the address.
 */
import { type PushEvent, type PushPayload } from '../shared/ipc/contract'
import { fail, type IpcResult } from '../shared/ipc/result'
import { buildStandbyApi, type StandbyApi, type StandbyTransport } from '../shared/ipc/standby-api'

const SECRET_KEY = 'standby.shellSecret'
const SOCKET_PATH = '/standby-ipc'
const SECRET_PARAM = 'secret'

/**
 * This run's secret: from the address (its query, or an older fragment), which is then cleaned
 * so the secret stays neither in the address bar nor in history; else from the session, so a
 * reload still connects. Null when the page was opened without one.
 */
function takeSecret(): string | null {
  const url = new URL(window.location.href)
  const found = url.searchParams.get(SECRET_PARAM) ?? new URLSearchParams(url.hash.slice(1)).get(SECRET_PARAM)
  if (found) {
    sessionStorage.setItem(SECRET_KEY, found)
    url.searchParams.delete(SECRET_PARAM)
    history.replaceState(null, '', url.pathname + url.search)
    return found
  }
  return sessionStorage.getItem(SECRET_KEY)
}

/** A transport over a WebSocket that reconnects when the shell restarts. */
export function webSocketTransport(url: string): StandbyTransport {
  let socket: WebSocket | undefined
  let nextId = 1
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let opened: Promise<WebSocket> | undefined

  const open = (): Promise<WebSocket> =>
    (opened ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.addEventListener('open', () => {
        socket = ws
        resolve(ws)
      })
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as {
          id?: number
          result?: IpcResult<unknown>
          event?: string
          payload?: unknown
        }
        if (message.id !== undefined && message.result !== undefined) {
          pending.get(message.id)?.(message.result)
          pending.delete(message.id)
        } else if (message.event !== undefined) {
          for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
        }
      })
      ws.addEventListener('close', () => {
        opened = undefined
        socket = undefined
        for (const [id, settle] of pending) {
          settle(
            fail('transport_failed', 'The connection to the Standby browser shell closed; reload the page.'),
          )
          pending.delete(id)
        }
        reject(new Error('closed'))
        // Keep push events flowing after a shell restart.
        if (listeners.size > 0) setTimeout(() => void open().catch(() => undefined), 1_000)
      })
    }))

  return {
    async invoke(channel, request) {
      const ws = socket ?? (await open())
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: IpcResult<unknown>) => void)
        ws.send(JSON.stringify({ id, channel, request }))
      })
    },
    subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      void open().catch(() => undefined)
      return () => set.delete(listener as (payload: unknown) => void)
    },
  }
}

let builtHere = false

/** True when the page runs in a plain browser (the API was built here, not by the preload). */
export function runsInBrowser(): boolean {
  return builtHere
}

/** `window.standby` from the preload, or built here when the page runs in a plain browser. */
export function standbyApi(): StandbyApi {
  if (window.standby !== undefined) return window.standby
  builtHere = true
  const secret = takeSecret() ?? ''
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  const api = buildStandbyApi(
    webSocketTransport(
      `${scheme}//${window.location.host}${SOCKET_PATH}?secret=${encodeURIComponent(secret)}`,
    ),
  )
  Object.defineProperty(window, 'standby', { value: api, configurable: false, writable: false })
  return api
}
