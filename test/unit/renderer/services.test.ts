// The page's services wired together: what one store hears that another must follow.
import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../src/shared/connection-state'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { AppState } from '../../../src/renderer/store/app-store'
import { createServices, forgetHistoryOfGoneExpert } from '../../../src/renderer/store/services'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { aFirstFrame, anExpert, aSession, FIXTURE_NOW } from '../../support/fixtures'
import { usePageTimersAt } from '../../support/page-timers'

/**
 * A host whose pushes the test plays: its history holds `rows`, and every other read stays
 * unanswered, so the page keeps what its first frame showed.
 */
function hostWithHistory(rows: ReadonlyArray<unknown>) {
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
              ? async () => ({ ok: true, value: rows })
              : () => new Promise(() => undefined),
      },
    )
  const api = new Proxy({}, { get: (_, name: string) => area(name) }) as StandbyApi
  const stateChanged = (state: ConnectionState) => listeners.get('connection.onStateChanged')!(state as never)
  return { api, stateChanged }
}

describe('the page’s services', () => {
  usePageTimersAt(FIXTURE_NOW)

  it('empty the history at once when its expert signs out (in this page or the other)', async () => {
    const host = hostWithHistory([aSession({ state: 'ended' })])
    const frame = aFirstFrame({ expert: anExpert({ id: 'exp_ada' }) })
    const { history } = createServices(host.api, false, frame)
    await history.refresh()
    expect(history.getSnapshot().rows).toHaveLength(1)
    host.stateChanged({ status: 'signed_out', reason: null })
    expect(history.getSnapshot().rows).toEqual([])
  })
})

describe('the history of the expert signed in', () => {
  /** An app store showing `expertId` (null: signed out), and what the history was told. */
  function setup(expertId: string | null) {
    const expertOf = (id: string | null) => (id === null ? null : anExpert({ id }))
    const app = createValueStore({ expert: expertOf(expertId) } as AppState)
    const forgot: boolean[] = []
    forgetHistoryOfGoneExpert(app, {
      forget: async (reread) => void forgot.push(reread),
    })
    const show = (id: string | null) => app.set({ ...app.getSnapshot(), expert: expertOf(id) })
    return { show, forgot }
  }

  it('is forgotten when its expert signs out, and not read again until one signs in', () => {
    const { show, forgot } = setup('exp_ada')
    show('exp_ada')
    expect(forgot).toEqual([])
    show(null)
    expect(forgot).toEqual([false])
    show('exp_bea')
    expect(forgot).toEqual([false])
  })

  it('is forgotten and read again when another expert is found signed in (the pushes between were lost)', () => {
    const { show, forgot } = setup('exp_ada')
    show('exp_bea')
    expect(forgot).toEqual([true])
  })

  it('is kept at the first sign-in and when the same expert is read again', () => {
    const { show, forgot } = setup(null)
    show('exp_ada')
    show('exp_ada')
    expect(forgot).toEqual([])
  })
})
