// An invite's notification names the request its invite was for. A platform restored from a
// backup can give the invite's id to another request: Join on the first one's notification (one
// that waited for the connection while the catch-up came, one an earlier run showed) then sends
// nothing, as it would accept a session the expert never read, and says why. One an earlier
// version showed names no request: Join on it sends nothing either, and opens the invite as it is
// now, to be answered there. The routing (NotificationActions) runs over the real cache.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerIn } from '../../../../../src/main/core/answered-invites'
import { cacheHolds } from '../../../../../src/main/core/cache-holds'
import {
  NotificationActions,
  type AppNotice,
  type FocusRequest,
} from '../../../../../src/main/core/notification-actions'
import { REQUEST_UNKNOWN, type AppNotification } from '../../../../../src/main/core/ports/notifier'
import { inviteNotification } from '../../../../../src/main/core/sync/invite-notification'
import { createRecordingNotifier } from '../../../../../src/main/node/adapters/recording-notifier'
import type { Invite } from '../../../../../src/shared/protocol'
import { aRequest, anInvite, aSnapshot, FIXTURE_NOW } from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()
type InviteShown = Extract<AppNotification, { kind: 'invite' }>

const nobody = (): never => {
  throw new Error('no command expected')
}

/** inv_1 for req_1 cached and its notification shown; `restored()` gives inv_1 to another request. */
function inviteShown() {
  const { store } = openStore(join(tempDir(), 'cache.db'))
  const first = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1', title: 'Hooks question' }) })
  const other: Invite = { ...first, request: aRequest({ id: 'req_other', title: 'Other request' }) }
  let cursor = 1
  const snapshotOf = (invite: Invite): void =>
    store.applySnapshot(aSnapshot({ openInvites: [invite], cursor: cursor++, takenAt: FIXTURE_NOW }))
  snapshotOf(first)
  const shown = inviteNotification(first, FIXTURE_NOW) as InviteShown
  const notifier = createRecordingNotifier()
  const accepted: string[] = []
  const declined: string[] = []
  let attempt: Promise<void> | null = null
  let settle: () => void = nobody
  const actions = new NotificationActions({
    commands: {
      accept: async ({ inviteId }) => (accepted.push(inviteId), { ok: true, result: {} as never }),
      decline: async ({ inviteId }) => (declined.push(inviteId), { ok: true, result: {} as never }),
      start: nobody,
    },
    reminders: {
      pressed: () => {},
      startAllowed: () => false,
      whyNoStart: () => null,
      snooze: () => false,
      whyNoSnooze: () => null,
      shownForAnotherRequest: () => false,
      timeSettling: () => null,
      snoozesAwaitingTime: { keep: () => {}, answered: () => {} },
    },
    notifier,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    signedInAs: () => 'exp_ada',
    holds: (target) => cacheHolds(store, target),
    answered: (inviteId) => answerIn(store.invite(inviteId)?.state),
    inviteRequest: (inviteId) => store.invite(inviteId)?.request.id ?? null,
    connectionSettled: () => attempt,
  })
  const notices: AppNotice[] = []
  const focus: FocusRequest[] = []
  actions.notices.add((n) => notices.push(n))
  actions.focusRequests.add((f) => focus.push(f))
  /** A connection attempt under way: a press waits for it; `settle()` ends it. */
  const connecting = (): void => {
    attempt = new Promise((resolve) => (settle = () => ((attempt = null), resolve())))
  }
  return {
    shown,
    actions,
    notifier,
    accepted,
    declined,
    notices,
    focus,
    connecting,
    settle: () => settle(),
    /** The platform restored from a backup: a snapshot with inv_1 for another request. */
    restored: () => snapshotOf(other),
  }
}

const OUT_OF_DATE =
  'Invite out of date: This notification was for a request that is no longer in your list, so nothing was sent. The window shows your invites as they are now.'

describe('a press on the notification of an invite whose id went to another request', () => {
  it('Join: nothing accepted, the window opens on the lists, the expert is told why, and it is taken down', async () => {
    const { actions, shown, restored, accepted, notices, focus, notifier } = inviteShown()
    expect(shown.requestId).toBe('req_1')
    restored()
    await actions.activate({ action: 'primary', notification: shown })
    expect(accepted).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([OUT_OF_DATE])
    expect(focus).toEqual([{ kind: 'window' }])
    expect(notifier.shown).toContainEqual(
      expect.objectContaining({ kind: 'invite_closed', inviteId: 'inv_1', requestId: 'req_1' }),
    )
  })

  it('Decline: nothing declined', async () => {
    const { actions, shown, restored, declined, notices } = inviteShown()
    restored()
    await actions.activate({ action: 'decline', notification: shown })
    expect(declined).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([OUT_OF_DATE])
  })

  it('Join pressed while connecting, the catch-up giving the id to another request meanwhile: nothing accepted', async () => {
    const { actions, shown, restored, connecting, settle, accepted, notices } = inviteShown()
    connecting()
    const press = actions.activate({ action: 'primary', notification: shown })
    restored()
    settle()
    await press
    expect(accepted).toEqual([])
    expect(notices.map((n) => n.text)).toEqual([OUT_OF_DATE])
  })

  it('its body clicked: the window, not the other request’s invite', async () => {
    const { actions, shown, restored, focus } = inviteShown()
    restored()
    await actions.activate({ action: 'open', notification: shown })
    expect(focus).toEqual([{ kind: 'window' }])
  })

  it("an earlier version's, naming no request: Join sends nothing and opens the invite as it is now", async () => {
    const { actions, shown, accepted, notices, focus } = inviteShown()
    await actions.activate({ action: 'primary', notification: { ...shown, requestId: REQUEST_UNKNOWN } })
    expect(accepted).toEqual([])
    expect(focus).toEqual([{ kind: 'invite', inviteId: 'inv_1', attention: false }])
    expect(notices.map((n) => n.text)).toEqual([
      'Join not sent: This notification, from an earlier run or version of Standby, does not say which request it was for, so nothing was sent. Standby shows the invite as it is now: read it and answer it there.',
    ])
  })

  it('the same request still: Join accepts it', async () => {
    const { actions, shown, accepted, notices } = inviteShown()
    await actions.activate({ action: 'primary', notification: shown })
    expect(accepted).toEqual(['inv_1'])
    expect(notices).toEqual([])
  })
})
