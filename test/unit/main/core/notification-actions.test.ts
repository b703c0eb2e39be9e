import { describe, expect, it } from 'vitest'
import {
  NotificationActions,
  type AppNotice,
  type FocusRequest,
  type NotificationCommands,
} from '../../../../src/main/core/notification-actions'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { createRecordingNotifier } from '../../../../src/main/node/adapters/recording-notifier'
import { recordingLog } from '../../../support/recording-log'

const instant: AppNotification = {
  kind: 'invite',
  inviteId: 'inv_1',
  title: 'Sam: Hooks',
  body: '',
  instant: true,
}
const scheduled: AppNotification = { ...instant, inviteId: 'inv_2', instant: false }

/** Commands that answer when the test says so, recording what was sent. */
function setup() {
  const sent: string[] = []
  let settle: (ok: boolean, code?: string) => void = () => undefined
  const answer = <R>(result: R) =>
    new Promise<{ ok: true; result: R } | { ok: false; error: { code: 'taken'; message: string } }>(
      (resolve) => {
        settle = (ok, code = 'taken') =>
          resolve(
            ok ? { ok: true, result } : { ok: false, error: { code: code as 'taken', message: 'Too late.' } },
          )
      },
    )
  const commands = {
    accept: (p) => (sent.push(`accept ${p.inviteId}`), answer({} as never)),
    decline: (p) => (sent.push(`decline ${p.inviteId}`), answer({ inviteId: p.inviteId })),
  } satisfies NotificationCommands
  const notifier = createRecordingNotifier()
  const actions = new NotificationActions({ commands, notifier, log: recordingLog() })
  const focus: FocusRequest[] = []
  const notices: AppNotice[] = []
  actions.focusRequests.add((request) => focus.push(request))
  actions.notices.add((notice) => notices.push(notice))
  return { actions, sent, focus, notices, notifier, settle: (ok: boolean, code?: string) => settle(ok, code) }
}

describe('a press on a notification', () => {
  it('on the body, or View times, opens that invite; on a reminder or notice, the window', async () => {
    const { actions, focus, sent } = setup()
    await actions.activate({ action: 'open', notification: instant })
    await actions.activate({ action: 'primary', notification: scheduled })
    await actions.activate({
      action: 'open',
      notification: {
        kind: 'reminder',
        sessionId: 's',
        title: '',
        body: '',
        moment: 'before',
        bookedStart: 0,
        startAllowed: false,
      },
    })
    expect(focus).toEqual([
      { kind: 'invite', inviteId: 'inv_1', attention: false },
      { kind: 'invite', inviteId: 'inv_2', attention: false },
      { kind: 'window' },
    ])
    expect(sent).toEqual([])
  })

  it('Join sends one accept however often it is pressed while on its way', async () => {
    const { actions, sent, settle, notifier } = setup()
    const first = actions.activate({ action: 'primary', notification: instant })
    void actions.activate({ action: 'primary', notification: instant })
    settle(true)
    await first
    expect(sent).toEqual(['accept inv_1'])
    expect(notifier.shown).toEqual([])
  })

  it('Join that came too late says why at once, as a notification and a notice', async () => {
    const { actions, settle, notifier, notices } = setup()
    const join = actions.activate({ action: 'primary', notification: instant })
    settle(false, 'expired')
    await join
    expect(notifier.shown).toEqual([
      { kind: 'notice', title: 'This invite expired', body: 'Sam: Hooks. Too late.' },
    ])
    expect(notices).toEqual([{ text: 'This invite expired: Sam: Hooks. Too late.', tone: 'warning' }])
  })

  it('Decline declines; one that fails says so', async () => {
    const { actions, sent, settle, notifier } = setup()
    const decline = actions.activate({ action: 'decline', notification: scheduled })
    settle(false, 'offline')
    await decline
    expect(sent).toEqual(['decline inv_2'])
    expect(notifier.shown[0]).toMatchObject({ title: 'Could not decline' })
  })

  it('an invite notification that could not be shown opens the invite and asks for attention', () => {
    const { actions, focus } = setup()
    actions.notificationFailed(instant)
    actions.notificationFailed({ kind: 'notice', title: '', body: '' })
    expect(focus).toEqual([{ kind: 'invite', inviteId: 'inv_1', attention: true }])
  })
})
