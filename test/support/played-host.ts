/** A page's host whose pushes a renderer test plays by hand, for the page's services. */
import type { ConnectionState } from '../../src/shared/connection-state'
import type { StandbyApi } from '../../src/shared/ipc/standby-api'

/**
 * A host whose pushes the test plays: its history holds `rows`, a read in `answers` answers with
 * what the test put there when asked, and every other read stays unanswered, so the page keeps
 * what its first frame showed.
 */
export function hostWithHistory(rows: ReadonlyArray<unknown>, answers = new Map<string, () => unknown>()) {
  const listeners = new Map<string, (payload: never) => void>()
  const area = (name: string) =>
    new Proxy(
      {},
      {
        get: (_, method: string) =>
          method.startsWith('on')
            ? (listener: (payload: never) => void) => {
                listeners.set(`${name}.${method}`, listener)
                return () => undefined
              }
            : name === 'sessions' && method === 'history'
              ? async () => ({ ok: true, value: { sessions: rows, more: false } })
              : answers.has(`${name}.${method}`)
                ? async () => ({ ok: true, value: answers.get(`${name}.${method}`)!() })
                : () => new Promise(() => undefined),
      },
    )
  const api = new Proxy({}, { get: (_, name: string) => area(name) }) as StandbyApi
  const stateChanged = (state: ConnectionState) => listeners.get('connection.onStateChanged')!(state as never)
  const push = (name: string, payload: unknown) => listeners.get(name)!(payload as never)
  return { api, stateChanged, push }
}
