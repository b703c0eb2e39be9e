// The page's services wired together: what one store hears that another must follow.
import { describe, expect, it, vi } from 'vitest'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import type { AppState } from '../../../src/renderer/store/app-store'
import { onExpertGone } from '../../../src/renderer/store/expert-scope'
import { noticesOfScope } from '../../../src/renderer/store/notices'
import { createServices } from '../../../src/renderer/store/services'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { aFirstFrame, anExpert, anInvite, aRequest, aSession, FIXTURE_NOW } from '../../support/fixtures'
import { usePageTimersAt } from '../../support/page-timers'
import { hostWithHistory } from '../../support/played-host'

/** Lets the promises the stores started settle (the page's timers are fake: none of them runs). */
const flush = () => vi.advanceTimersByTimeAsync(0)

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

describe('what a page holds for its expert', () => {
  usePageTimersAt(FIXTURE_NOW)

  it('goes at once when its expert signs out: notices, a notification’s focus, unread counts, unsaved notes', () => {
    const host = hostWithHistory([])
    const services = createServices(host.api, false, aFirstFrame({ expert: anExpert({ id: 'exp_ada' }) }))
    services.notices.push('Taken by another expert: Ada’s client’s request', 'warning')
    host.push('focus.onRequested', { kind: 'invite', inviteId: 'inv_ada' })
    let unread: (threads: unknown) => void = () => undefined
    const api = {
      messages: {
        unread: () => new Promise(() => undefined),
        onUnreadChanged: (listener: typeof unread) => ((unread = listener), () => undefined),
      },
    } as unknown as StandbyApi
    services.unread.show(api, services.app)
    unread([{ requestId: 'req_ada', count: 2 }])
    expect(services.unread.store.getSnapshot().get('req_ada')).toBe(2)
    services.noteDrafts.set('ses_ada', 'Client prefers mornings')
    const scope = services.expertScope.getSnapshot()

    host.stateChanged({ status: 'signed_out', reason: null })

    expect(services.notices.getSnapshot()).toEqual([])
    expect(services.notifications.getSnapshot().focus).toBeNull()
    expect(services.unread.store.getSnapshot().size).toBe(0)
    expect(services.noteDrafts.get('ses_ada')).toBeUndefined()
    expect(services.expertScope.getSnapshot()).not.toBe(scope)
  })

  it('keeps an unsaved note over a sign-out for its own expert only, and lets it go once another expert types one', async () => {
    const ada = anExpert({ id: 'exp_ada' })
    const bea = anExpert({ id: 'exp_bea' })
    let expert = ada
    const answers = new Map<string, () => unknown>([
      ['expert.get', () => expert],
      ['invites.list', () => ({ open: [], missed: [] })],
      ['sessions.upcoming', () => ({ sessions: [], later: false })],
    ])
    const host = hostWithHistory([], answers)
    const services = createServices(host.api, false, aFirstFrame({ expert: ada }))
    await flush()
    services.noteDrafts.set('ses_ada', 'Client prefers mornings')

    // Ada's sign-in ran out: nobody is shown the note meanwhile, and she finds it on signing in again.
    host.stateChanged({ status: 'signed_out', reason: null })
    expect(services.noteDrafts.get('ses_ada')).toBeUndefined()
    await services.app.refreshLists()
    expect(services.noteDrafts.get('ses_ada')).toBe('Client prefers mornings')

    // Bea at the same computer later: never shown Ada's, and once Bea types a note, Ada's is gone.
    host.stateChanged({ status: 'signed_out', reason: null })
    expert = bea
    await services.app.refreshLists()
    expect(services.noteDrafts.get('ses_ada')).toBeUndefined()
    services.noteDrafts.set('ses_bea', 'Bring the logs')
    expert = ada
    await services.app.refreshLists()
    expect(services.noteDrafts.get('ses_ada')).toBeUndefined()
  })

  it('tells the next expert, found at a re-read, nothing about what became of the gone one’s invites', async () => {
    const ada = anExpert({ id: 'exp_ada' })
    const bea = anExpert({ id: 'exp_bea' })
    const adaInvite = anInvite({ id: 'inv_ada', request: aRequest({ title: 'Ada’s client’s request' }) })
    let expert = ada
    let invites = { open: [adaInvite], missed: [] as unknown[] }
    const answers = new Map<string, () => unknown>([
      ['expert.get', () => expert],
      ['invites.list', () => invites],
      ['sessions.upcoming', () => ({ sessions: [], later: false })],
    ])
    const host = hostWithHistory([], answers)
    const services = createServices(host.api, false, aFirstFrame({ expert: ada }))
    await flush()
    expect(services.app.getSnapshot().invites.open).toHaveLength(1)

    // Bea signed in over Ada while this page's link was down; the host's invite list is Bea's, and
    // Ada's invite stands in it as taken (the platform's missed list of a shared request).
    expert = bea
    invites = { open: [], missed: [{ ...adaInvite, state: 'taken' }] }
    await services.app.refreshLists()

    expect(services.app.getSnapshot().expert?.id).toBe('exp_bea')
    expect(services.notices.getSnapshot().map((notice) => notice.text)).toEqual([])
  })

  it('drops a request a notification left for this page when its expert is gone before the page took it', async () => {
    let answer: (target: unknown) => void = () => undefined
    const answers = new Map<string, () => unknown>()
    const host = hostWithHistory([], answers)
    const api = new Proxy(host.api, {
      get: (target, name: string) =>
        name === 'focus'
          ? {
              onRequested: target.focus.onRequested,
              take: () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value }))),
            }
          : target[name as keyof typeof target],
    })
    const services = createServices(api, false, aFirstFrame({ expert: anExpert({ id: 'exp_ada' }) }))
    host.stateChanged({ status: 'signed_out', reason: null })
    answer({ kind: 'invite', inviteId: 'inv_ada' })
    await flush()
    expect(services.notifications.getSnapshot().focus).toBeNull()
  })

  it('takes no notice from an action of the gone expert that answers after they left', () => {
    const host = hostWithHistory([])
    const services = createServices(host.api, false, aFirstFrame({ expert: anExpert({ id: 'exp_ada' }) }))
    const adas = noticesOfScope(services.notices, services.expertScope, services.expertScope.getSnapshot())
    adas.push('Declined: before the sign-out')
    host.stateChanged({ status: 'signed_out', reason: null })
    adas.push('Declined: answered after the sign-out')
    services.notices.push('Signed out')
    expect(services.notices.getSnapshot().map((notice) => notice.text)).toEqual(['Signed out'])
  })
})

describe('the expert signed in', () => {
  /** An app store showing `expertId` (null: signed out), and each time its expert was gone. */
  function setup(expertId: string | null) {
    const expertOf = (id: string | null) => (id === null ? null : anExpert({ id }))
    const app = createValueStore({ expert: expertOf(expertId) } as AppState)
    const gone: boolean[] = []
    onExpertGone(app, (another) => void gone.push(another))
    const show = (id: string | null) => app.set({ ...app.getSnapshot(), expert: expertOf(id) })
    return { show, gone }
  }

  it('is gone when they sign out, and no one else is signed in until one signs in', () => {
    const { show, gone } = setup('exp_ada')
    show('exp_ada')
    expect(gone).toEqual([])
    show(null)
    expect(gone).toEqual([false])
    show('exp_bea')
    expect(gone).toEqual([false])
  })

  it('is gone, with another signed in, when a re-read finds another expert (the pushes between were lost)', () => {
    const { show, gone } = setup('exp_ada')
    show('exp_bea')
    expect(gone).toEqual([true])
  })

  it('stays at the first sign-in and when the same expert is read again', () => {
    const { show, gone } = setup(null)
    show('exp_ada')
    show('exp_ada')
    expect(gone).toEqual([])
  })
})
