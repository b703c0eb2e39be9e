// A session thread's open state and unsent reply outlive its card, but not its session nor its expert.
import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../src/shared/connection-state'
import type { Session } from '../../../src/shared/protocol/entities'
import { createServices } from '../../../src/renderer/store/services'
import { createThreadDrafts } from '../../../src/renderer/store/thread-drafts'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { aFirstFrame, anExpert, aRequest, aSession, FIXTURE_NOW } from '../../support/fixtures'
import { usePageTimersAt } from '../../support/page-timers'
import { hostWithHistory } from '../../support/played-host'

const booked = aSession({ request: aRequest({ id: 'req_ada' }) })

/** Drafts over an app whose Upcoming list the test sets. */
function draftsOver(upcoming: ReadonlyArray<Session>) {
  const app = createValueStore({ upcoming })
  return { app, drafts: createThreadDrafts(app) }
}

describe('the threads’ drafts', () => {
  it('keep an open thread and its reply, and only the open state once it is sent', () => {
    const { drafts } = draftsOver([booked])
    drafts.setOpen('req_ada', true)
    drafts.setText('req_ada', 'Could you send the plan?')
    expect(drafts.get('req_ada')).toEqual({ open: true, text: 'Could you send the plan?' })
    drafts.setText('req_ada', '')
    expect(drafts.get('req_ada')).toEqual({ open: true, text: '' })
    drafts.setOpen('req_ada', false)
    expect(drafts.get('req_ada')).toBeUndefined()
  })

  it.each([
    ['ended and left the list', []],
    ['been cancelled', [{ ...booked, state: 'cancelled' as const }]],
  ])('let the reply go once the session has %s', (_, after: ReadonlyArray<Session>) => {
    const { app, drafts } = draftsOver([booked])
    drafts.setText('req_ada', 'Could you send the plan?')
    app.set({ upcoming: after })
    expect(drafts.get('req_ada')).toBeUndefined()
    app.set({ upcoming: [booked] })
    expect(drafts.get('req_ada')).toBeUndefined()
  })

  it('keep nothing for a session not listed as booked or live', () => {
    const { drafts } = draftsOver([])
    drafts.setText('req_ada', 'Could you send the plan?')
    expect(drafts.get('req_ada')).toBeUndefined()
  })

  it('keep the reply when the session goes live', () => {
    const { app, drafts } = draftsOver([booked])
    drafts.setText('req_ada', 'Could you send the plan?')
    app.set({ upcoming: [{ ...booked, state: 'live' }] })
    expect(drafts.get('req_ada')?.text).toBe('Could you send the plan?')
  })
})

describe('the threads’ drafts in the page’s services', () => {
  usePageTimersAt(FIXTURE_NOW)

  it('go when the expert signs out', () => {
    const { api, stateChanged } = hostWithHistory([])
    const frame = aFirstFrame({ expert: anExpert({ id: 'exp_ada' }), upcoming: [booked] })
    const { threadDrafts } = createServices(api, false, frame)
    threadDrafts.setOpen('req_ada', true)
    threadDrafts.setText('req_ada', 'Could you send the plan?')
    const signedOut: ConnectionState = { status: 'signed_out', reason: null }
    stateChanged(signedOut)
    expect(threadDrafts.get('req_ada')).toBeUndefined()
  })
})
