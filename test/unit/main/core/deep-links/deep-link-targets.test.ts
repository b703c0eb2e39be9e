import { describe, expect, it, vi } from 'vitest'
import {
  deepLinkTargets,
  LINK_NOT_OPENED,
  type DeepLinkTargetDeps,
} from '../../../../../src/main/core/deep-links/deep-link-targets'

/** Targets over spies, signed in and running unless a test says otherwise. */
function targets(overrides: Partial<DeepLinkTargetDeps> = {}) {
  const deps = {
    focus: vi.fn<DeepLinkTargetDeps['focus']>(),
    notice: vi.fn<DeepLinkTargetDeps['notice']>(),
    notifier: { show: vi.fn<DeepLinkTargetDeps['notifier']['show']>() },
    showWindow: vi.fn(),
  }
  const all: DeepLinkTargetDeps = {
    live: () => true,
    signedIn: () => true,
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    ...deps,
    ...overrides,
  }
  return { deps, targets: deepLinkTargets(all) }
}

describe('what a deep link does', () => {
  it('opens an invite or a session the way a press on its notification does', () => {
    const { deps, targets: link } = targets()
    link.open({ kind: 'invite', id: 'inv_1' })
    link.open({ kind: 'session', id: 'ses_1' })
    expect(deps.focus.mock.calls).toEqual([
      [{ kind: 'invite', inviteId: 'inv_1', attention: false }],
      [{ kind: 'session', sessionId: 'ses_1' }],
    ])
    expect(deps.notifier.show).not.toHaveBeenCalled()
  })

  it('says so by a notification and in the window when a link opens nothing', () => {
    const { deps, targets: link } = targets()
    link.refused?.('This standby:// link opens nothing: it has a query or a fragment.')
    expect(deps.notifier.show).toHaveBeenCalledWith({
      kind: 'notice',
      title: LINK_NOT_OPENED,
      body: 'This standby:// link opens nothing: it has a query or a fragment.',
    })
    expect(deps.notice).toHaveBeenCalledWith({
      text: `${LINK_NOT_OPENED}: This standby:// link opens nothing: it has a query or a fragment.`,
      tone: 'warning',
    })
  })

  it('shows the sign-in form and says to open the link again when signed out', () => {
    const { deps, targets: link } = targets({ signedIn: () => false })
    link.open({ kind: 'invite', id: 'inv_1' })
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.showWindow).toHaveBeenCalledOnce()
    expect(deps.notifier.show.mock.calls[0]?.[0]).toMatchObject({
      body: 'The link to invite inv_1 came while you were signed out: sign in, then open it again.',
    })
  })

  it('does nothing while the app quits', () => {
    const { deps, targets: link } = targets({ live: () => false })
    link.open({ kind: 'invite', id: 'inv_1' })
    link.refused?.('no')
    expect(
      [deps.focus, deps.notice, deps.notifier.show, deps.showWindow].flatMap((spy) => spy.mock.calls),
    ).toEqual([])
  })
})
