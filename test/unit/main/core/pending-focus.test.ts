import { describe, expect, it } from 'vitest'
import { PendingFocus } from '../../../../src/main/core/pending-focus'
import { FocusTarget } from '../../../../src/shared/ipc/contract'

describe('a pending focus request', () => {
  it('keeps an invite for the popover, a session for the window, and an invite’s thread for the window', () => {
    const focus = new PendingFocus()
    focus.request({ kind: 'invite', inviteId: 'inv_1' })
    expect(focus.take('window')).toBeNull()
    expect(focus.take('popover')).toEqual({ kind: 'invite', inviteId: 'inv_1' })
    focus.request({ kind: 'invite', inviteId: 'inv_1', thread: true })
    expect(focus.take('popover')).toBeNull()
    expect(focus.take('window')).toEqual({ kind: 'invite', inviteId: 'inv_1', thread: true })
    focus.request({ kind: 'session', sessionId: 'ses_1', thread: true })
    expect(focus.take('window')).toEqual({ kind: 'session', sessionId: 'ses_1', thread: true })
    expect(focus.take('window')).toBeNull()
  })

  it('keeps a request for the expert who pressed: one signed in as another since is not shown it', () => {
    let signedInAs: string | null = 'exp_ada on https://platform.example'
    const focus = new PendingFocus(() => signedInAs)
    focus.request({ kind: 'invite', inviteId: 'inv_ada' })
    signedInAs = 'exp_bea on https://platform.example'
    expect(focus.take('popover')).toBeNull()
    // Not kept for Ada's return either: what she pressed is long past.
    signedInAs = 'exp_ada on https://platform.example'
    expect(focus.take('popover')).toBeNull()
    focus.request({ kind: 'session', sessionId: 'ses_ada' })
    expect(focus.take('popover')).toBeNull()
    expect(focus.take('window')).toEqual({ kind: 'session', sessionId: 'ses_ada' })
  })

  it('reads a request from an older host without the thread flag, and refuses any other flag', () => {
    expect(FocusTarget.parse({ kind: 'session', sessionId: 'ses_1' })).toEqual({
      kind: 'session',
      sessionId: 'ses_1',
    })
    expect(FocusTarget.safeParse({ kind: 'session', sessionId: 'ses_1', thread: false }).success).toBe(false)
  })
})
