/**
 * A link to an invite that is no longer open (run out, taken elsewhere, withdrawn) brings up no
 * popover: shown without the focus, it would stay on top of the expert's apps with nothing to act
 * on. The expert is told instead, by a notification and a notice, as a link that opens nothing is.
 */
import { describe, expect, it } from 'vitest'
import {
  LINK_INVITE_CLOSED,
  LINK_NOTICE_ID,
  type DeepLinkTargetDeps,
} from '../../../../../src/main/core/deep-links/deep-link-targets'
import type { ClosedInvite } from '../../../../../src/main/core/deep-links/closed-invite'
import { spiedLinkTargets } from '../../../../support/spied-link-targets'

/** Targets over spies, signed in and caught up, `closed` naming the invites no longer open. */
function targets(closed: ReadonlySet<string>, overrides: Partial<DeepLinkTargetDeps> = {}) {
  const { deps, targets: link } = spiedLinkTargets({
    closedInvite: (link) => (link.kind === 'invite' && closed.has(link.id) ? 'gone' : null),
    ...overrides,
  })
  return { deps, link }
}

describe('a link to an invite that is no longer open', () => {
  it('brings up no popover and says the invite is no longer open, by a notification and in the window', () => {
    const { deps, link } = targets(new Set(['inv_gone']))
    link.open({ kind: 'invite', id: 'inv_gone' })
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.notifier.show).toHaveBeenCalledWith({
      kind: 'notice',
      title: LINK_INVITE_CLOSED,
      body: expect.stringMatching(
        /^Invite inv_gone was taken, withdrawn or ran out .*nothing left to join or book\.$/,
      ),
      noticeId: LINK_NOTICE_ID,
    })
    expect(deps.notice).toHaveBeenCalledWith({
      text: expect.stringMatching(/^That invite is no longer open: Invite inv_gone/),
      tone: 'info',
    })
  })

  it('says how it closed: one the expert accepted has a session to go to, one they declined was their choice', () => {
    const states: Record<ClosedInvite, RegExp> = {
      accepted:
        /^You accepted invite inv_1 already: its session is under Live session, Upcoming or History\.$/,
      declined: /^You declined invite inv_1, so there is nothing left to join or book\.$/,
      taken: /^Another expert took invite inv_1 before the link opened it, so there is nothing left/,
      withdrawn: /^The client withdrew invite inv_1 before the link opened it, so there is nothing left/,
      expired: /^Invite inv_1 ran out before the link opened it, so there is nothing left/,
      gone: /^Invite inv_1 was taken, withdrawn or ran out before the link opened it, so there is nothing/,
    }
    for (const [state, told] of Object.entries(states) as Array<[ClosedInvite, RegExp]>) {
      const { deps, link } = targets(new Set(), { closedInvite: () => state })
      link.open({ kind: 'invite', id: 'inv_1' })
      expect(deps.focus).not.toHaveBeenCalled()
      expect(deps.notifier.show).toHaveBeenCalledWith(
        expect.objectContaining({ title: LINK_INVITE_CLOSED, body: expect.stringMatching(told) }),
      )
    }
  })

  it('still opens an open invite, and a session, as before', () => {
    const { deps, link } = targets(new Set(['inv_gone']))
    link.open({ kind: 'invite', id: 'inv_open' })
    link.open({ kind: 'session', id: 'inv_gone' })
    expect(deps.focus.mock.calls.map(([request]) => request.kind)).toEqual(['invite', 'session'])
    expect(deps.notifier.show).not.toHaveBeenCalled()
  })

  it('is told the same once the catch-up it waited for shows it closed', () => {
    const state = { caughtUp: false, held: false }
    const { deps, link } = targets(new Set(['inv_gone']), {
      caughtUp: () => state.caughtUp,
      holds: () => state.held,
    })
    link.open({ kind: 'invite', id: 'inv_gone' })
    expect(deps.notifier.show).not.toHaveBeenCalled()
    Object.assign(state, { caughtUp: true, held: true })
    link.retry()
    expect(deps.focus).not.toHaveBeenCalled()
    expect(deps.notifier.show).toHaveBeenCalledWith(expect.objectContaining({ title: LINK_INVITE_CLOSED }))
  })

  it('opens it all the same when the cache cannot say, leaving it to the page, with a log line', () => {
    const { deps, link } = targets(new Set(), {
      closedInvite: () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed')
      },
    })
    link.open({ kind: 'invite', id: 'inv_1' })
    expect(deps.focus).toHaveBeenCalledWith({
      kind: 'invite',
      inviteId: 'inv_1',
      attention: false,
      link: true,
    })
    expect(deps.log.warn).toHaveBeenCalledWith(
      expect.stringContaining('could not say whether invite inv_1 is still open'),
      expect.any(Error),
    )
  })
})
