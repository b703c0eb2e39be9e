import { describe, expect, it } from 'vitest'
import {
  NotificationActions,
  type AppNotice,
  type FocusRequest,
  type NotificationCommands,
  type ReminderControls,
} from '../../../../src/main/core/notification-actions'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import type { ReminderMoment } from '../../../../src/main/core/reminders/due-alerts'
import { createRecordingNotifier } from '../../../../src/main/node/adapters/recording-notifier'
import { recordingLog } from '../../../support/recording-log'
import { CALL_AT_QUIT } from '../../../../src/main/core/ipc/closed-api'

const instant: AppNotification = {
  kind: 'invite',
  inviteId: 'inv_1',
  requestId: 'req_1',
  title: 'Sam: Hooks',
  body: '',
  instant: true,
}
const scheduled: AppNotification = { ...instant, inviteId: 'inv_2', instant: false }
const reminder = (moment: ReminderMoment, startAllowed = true): AppNotification => ({
  kind: 'reminder',
  sessionId: 'ses_1',
  title: 'Hooks review in 10 minutes',
  body: '',
  moment,
  bookedStart: 0,
  requestId: 'req_1',
  startAllowed,
})

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
    start: (p) => (sent.push(`start ${p.sessionId}`), answer({} as never)),
  } satisfies NotificationCommands
  const notifier = createRecordingNotifier()
  // Start is allowed while the test says so; Snooze is refused for sessions the test names.
  const state = {
    allowed: true,
    unsnoozable: new Set<string>(),
    snoozed: [] as string[],
    /** The platform's time the presses wait for, if it is not known yet. */
    timeSettling: null as Promise<void> | null,
    /** The snoozes kept in the cache while they wait for the time. */
    kept: new Set<string>(),
  }
  const controls: ReminderControls = {
    pressed: () => undefined,
    startAllowed: () => state.allowed,
    whyNoStart: () => (state.allowed ? null : 'It is too early: Start opens at 09:50.'),
    snooze(sessionId) {
      if (state.unsnoozable.has(sessionId)) return false
      state.snoozed.push(sessionId)
      return true
    },
    whyNoSnooze: (sessionId) => (state.unsnoozable.has(sessionId) ? 'The session was cancelled.' : null),
    shownForAnotherRequest: () => false,
    timeSettling: () => state.timeSettling,
    snoozesAwaitingTime: {
      keep: (sessionId) => state.kept.add(sessionId),
      answered: (sessionId) => state.kept.delete(sessionId),
    },
  }
  const account = {
    signedInAs: 'ada on https://standby.test' as string | null,
    /** Invites and sessions the signed-in expert's cache does not hold. */
    notHeld: new Set<string>(),
    /** Invites the signed-in expert's cache has as answered, and how. */
    answered: new Map<string, 'accepted' | 'declined'>(),
    /** The reads of the cache that throw (a damaged cache file). */
    readFails: new Set<'holds' | 'answered'>(),
    /** The connection attempt under way, if any: a press waits for it. */
    attempt: null as Promise<void> | null,
    /** Whether the runtime has closed: Standby is quitting. */
    closed: false,
  }
  const read = <T>(what: 'holds' | 'answered', value: () => T): T => {
    if (account.readFails.has(what)) throw new Error('database disk image is malformed')
    return value()
  }
  const log = recordingLog()
  const actions = new NotificationActions({
    commands,
    reminders: controls,
    notifier,
    log,
    signedInAs: () => account.signedInAs,
    holds: (target) =>
      read('holds', () => !account.notHeld.has('inviteId' in target ? target.inviteId : target.sessionId)),
    answered: (inviteId) => read('answered', () => account.answered.get(inviteId) ?? null),
    connectionSettled: () => account.attempt,
    closed: () => account.closed,
  })
  const focus: FocusRequest[] = []
  const notices: AppNotice[] = []
  actions.focusRequests.add((request) => focus.push(request))
  actions.notices.add((notice) => notices.push(notice))
  return {
    actions,
    sent,
    focus,
    notices,
    notifier,
    reminders: state,
    account,
    log,
    settle: (ok: boolean, code?: string) => settle(ok, code),
  }
}

describe('a press on a notification', () => {
  it('on the body, or View times, opens that invite; on a reminder, its session; on a notice, the window', async () => {
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
        requestId: 'req_1',
        startAllowed: false,
      },
    })
    expect(focus).toEqual([
      { kind: 'invite', inviteId: 'inv_1', attention: false },
      { kind: 'invite', inviteId: 'inv_2', attention: false },
      { kind: 'session', sessionId: 's' },
    ])
    expect(sent).toEqual([])
  })

  it('on a client’s message opens its thread: the session in the window, the invite in its card', async () => {
    const { actions, focus, sent } = setup()
    const message = (opens: Extract<AppNotification, { kind: 'message' }>['opens']): AppNotification => ({
      kind: 'message',
      requestId: 'req_1',
      opens,
      title: 'Message from Sam',
      body: 'Hi',
    })
    await actions.activate({ action: 'open', notification: message({ kind: 'session', sessionId: 'ses_1' }) })
    await actions.activate({
      action: 'primary',
      notification: message({ kind: 'invite', inviteId: 'inv_1' }),
    })
    expect(focus).toEqual([
      { kind: 'session', sessionId: 'ses_1', thread: true },
      { kind: 'invite', inviteId: 'inv_1', attention: false, thread: true },
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

  // A Join shows the window, where the session is; a Decline has nothing more to show.
  it.each([
    ['Join', 'primary', 'accepted', 'accept inv_1', [{ kind: 'window' }, { kind: 'window' }]],
    ['Decline', 'decline', 'declined', 'decline inv_1', []],
  ] as const)(
    '%s pressed again once it was answered, or on an invite answered so in the window, sends nothing and tells nothing',
    async (_name, action, answer, command, windows) => {
      const { actions, sent, settle, notifier, notices, focus, account } = setup()
      const first = actions.activate({ action, notification: instant })
      settle(true)
      await first
      // The cache has not heard of the answer yet: the press itself is remembered.
      await actions.activate({ action, notification: instant })
      // Answered in the window: the cache says so.
      account.answered.set('inv_3', answer)
      await actions.activate({ action, notification: { ...instant, inviteId: 'inv_3' } })
      expect(sent).toEqual([command])
      expect(focus).toEqual(windows)
      expect(notifier.shown).toEqual([])
      expect(notices).toEqual([])
    },
  )

  it('Join on an invite declined already is still sent, and the platform’s refusal told', async () => {
    const { actions, sent, account } = setup()
    account.answered.set('inv_1', 'declined')
    void actions.activate({ action: 'primary', notification: instant })
    expect(sent).toEqual(['accept inv_1'])
  })

  it('Join or Decline pressed while the offline cache cannot be read is logged: with whose it is unread, the window opens; with only how it was answered unread, it is sent', async () => {
    const { actions, sent, focus, notices, account, log } = setup()
    account.readFails.add('holds').add('answered')
    await actions.activate({ action: 'primary', notification: instant })
    await actions.activate({ action: 'decline', notification: scheduled })
    expect(sent).toEqual([])
    expect(focus).toEqual([{ kind: 'window' }, { kind: 'window' }])
    expect(notices.map(({ text }) => text)).toEqual([
      expect.stringMatching(/^Could not join: Standby could not read its offline cache.*nothing was sent/),
      expect.stringMatching(/^Could not decline: Standby could not read its offline cache/),
    ])
    notices.splice(0)
    account.readFails.delete('holds')
    void actions.activate({ action: 'decline', notification: scheduled })
    expect(sent).toEqual(['decline inv_2'])
    expect(notices).toEqual([])
    expect(log.text()).toMatch(/could not read the offline cache.*malformed/)
  })

  it('a Join remembered for one expert is sent for another signed in since', async () => {
    const { actions, sent, settle, account } = setup()
    const first = actions.activate({ action: 'primary', notification: instant })
    settle(true)
    await first
    account.signedInAs = 'grace on https://standby.test'
    void actions.activate({ action: 'primary', notification: instant })
    expect(sent).toEqual(['accept inv_1', 'accept inv_1'])
  })

  it('Join that came too late says why at once, as a notification and a notice', async () => {
    const { actions, settle, notifier, notices } = setup()
    const join = actions.activate({ action: 'primary', notification: instant })
    settle(false, 'expired')
    await join
    expect(notifier.shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'press:invite:inv_1:This invite expired',
        title: 'This invite expired',
        body: 'Sam: Hooks. Too late.',
      },
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

  it('Join or Decline sent and not answered says there was no answer, not that it could not be done', async () => {
    for (const [action, code, title] of [
      ['primary', 'timeout', 'No answer to Join'],
      ['decline', 'dropped', 'No answer to Decline'],
      ['decline', 'invalid_response', 'No answer to Decline'],
    ] as const) {
      const { actions, settle, notifier } = setup()
      const press = actions.activate({ action, notification: action === 'primary' ? instant : scheduled })
      settle(false, code)
      await press
      expect(notifier.shown[0]).toMatchObject({ title })
    }
  })

  it('Decline that found the invite closed (taken, run out, withdrawn) says it is no longer open, as news, not as a failure', async () => {
    for (const code of ['taken', 'expired', 'invalid_state']) {
      const { actions, settle, notifier, notices } = setup()
      const decline = actions.activate({ action: 'decline', notification: scheduled })
      settle(false, code)
      await decline
      expect(notifier.shown).toEqual([
        {
          kind: 'notice',
          noticeId: 'press:invite:inv_2:No longer open',
          title: 'No longer open',
          body: 'Sam: Hooks. Too late.',
        },
      ])
      expect(notices).toEqual([{ text: 'No longer open: Sam: Hooks. Too late.', tone: 'info' }])
    }
    // Join refused for the same reasons is a failure the expert must see.
    const { actions, settle, notices } = setup()
    const join = actions.activate({ action: 'primary', notification: instant })
    settle(false, 'taken')
    await join
    expect(notices).toEqual([expect.objectContaining({ tone: 'warning' })])
  })

  it('Join, Decline or Start answered after the expert signed out, or another signed in: logged, nothing told to whoever is here', async () => {
    for (const next of [null, 'bea on https://standby.test']) {
      for (const [action, notification] of [
        ['primary', instant],
        ['decline', scheduled],
        ['start', reminder('before')],
      ] as const) {
        const { actions, settle, notifier, notices, focus, account, log } = setup()
        const pressed = actions.activate({ action, notification })
        account.signedInAs = next
        settle(action === 'start', 'taken')
        await pressed
        expect([notifier.shown, notices, focus]).toEqual([[], [], []])
        expect(log.text()).toMatch(/from a notification answered after its expert signed out/)
      }
    }
  })

  it('Join, Decline, Start or Snooze pressed once the expert is gone (signed out, another signed in) acts for no one, names nothing, and says why', async () => {
    const presses = [
      ['primary', instant],
      ['decline', scheduled],
      ['start', reminder('before')],
      ['snooze', reminder('starting_now')],
    ] as const
    for (const gone of ['signed out', 'another expert'] as const) {
      const { actions, sent, reminders, notifier, notices, focus, account, log, settle } = setup()
      if (gone === 'signed out') account.signedInAs = null
      else for (const id of ['inv_1', 'inv_2', 'ses_1']) account.notHeld.add(id)
      for (const [action, notification] of presses) {
        const pressed = actions.activate({ action, notification })
        // What the platform would answer a command for an invite or session not this expert's.
        settle(false, 'not_found')
        await pressed
      }
      expect(sent, gone).toEqual([])
      expect(reminders.snoozed, gone).toEqual([])
      // The window says what is there now (the sign-in form, or the lists of whoever is signed in).
      expect(focus, gone).toEqual(presses.map(() => ({ kind: 'window' })))
      // The expert pressed a button and is told why nothing came of it, in words that name no client.
      const why =
        gone === 'signed out'
          ? /no one is signed in now.*Sign in, then/
          : /not for the account signed in now.*from the app/
      expect(
        notices.map(({ text }) => text),
        gone,
      ).toEqual([
        expect.stringMatching(/^Could not join: .*nothing was sent/),
        expect.stringMatching(/^Could not decline: .*nothing was sent/),
        expect.stringMatching(/^Could not start: .*nothing was sent/),
        expect.stringMatching(/^Could not snooze: .*it was not snoozed/),
      ])
      for (const { text } of notices) expect(text, gone).toMatch(why)
      // One notification about it on screen, the latest press's.
      expect(
        notifier.shown.map((n) => n.kind === 'notice' && n.noticeId),
        gone,
      ).toEqual(presses.map(() => 'acted-for-no-one'))
      expect(JSON.stringify([notifier.shown, notices, log.text()]), gone).not.toMatch(/Hooks|Query/)
    }
  })

  it('Join, Decline or Start pressed while the connection is still being made waits for it, once, then acts for whoever is signed in', async () => {
    const { actions, sent, settle, account, notices } = setup()
    /** An attempt under way; its end, once each press waiting for it has gone on. */
    const attempt = () => {
      let end: () => void = () => undefined
      const under = new Promise<void>((resolve) => (end = resolve))
      account.attempt = under
      return async () => {
        account.attempt = null
        end()
        // Settles after the presses waiting on it, which were there first.
        await under
      }
    }
    let over = attempt()
    const join = actions.activate({ action: 'primary', notification: instant })
    // Pressed again while it waits: still one Join.
    await actions.activate({ action: 'primary', notification: instant })
    expect(sent).toEqual([])
    await over()
    expect(sent).toEqual(['accept inv_1'])
    settle(true)
    await join

    over = attempt()
    const start = actions.activate({ action: 'start', notification: reminder('before') })
    expect(sent).toEqual(['accept inv_1'])
    await over()
    expect(sent).toEqual(['accept inv_1', 'start ses_1'])
    settle(true)
    await start
    expect(notices).toEqual([])

    // The attempt ends in a refused sign-in: the press acts for no one, and says so.
    over = attempt()
    const decline = actions.activate({ action: 'decline', notification: scheduled })
    account.signedInAs = null
    await over()
    await decline
    expect(sent).toEqual(['accept inv_1', 'start ses_1'])
    expect(notices.map(({ text }) => text)).toEqual([
      expect.stringMatching(/^Could not decline: .*no one is signed in/),
    ])
  })

  it('an invite notification that could not be shown opens the invite and asks for attention', () => {
    const { actions, focus } = setup()
    actions.notificationFailed(instant)
    actions.notificationFailed({ kind: 'notice', title: '', body: '' })
    expect(focus).toEqual([{ kind: 'invite', inviteId: 'inv_1', attention: true }])
  })
})

describe('a press on a reminder', () => {
  it('Start, when the start window is open at the press, runs the window’s Start and shows the session', async () => {
    const { actions, sent, settle, focus, notifier } = setup()
    // Shown before Start was allowed: the press asks again, and now it is.
    const start = actions.activate({ action: 'start', notification: reminder('before', false) })
    void actions.activate({ action: 'start', notification: reminder('starting_now') })
    settle(true)
    await start
    expect(sent).toEqual(['start ses_1'])
    expect(focus).toEqual([{ kind: 'session', sessionId: 'ses_1' }])
    expect(notifier.shown).toEqual([])
  })

  it('Start that is no longer allowed sends nothing and says why, as a notification and a notice', async () => {
    const { actions, sent, reminders, notifier, notices } = setup()
    reminders.allowed = false
    await actions.activate({ action: 'start', notification: reminder('before', true) })
    expect(sent).toEqual([])
    expect(notifier.shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'press:session:ses_1:Could not start',
        title: 'Could not start',
        body: 'Hooks review in 10 minutes. It is too early: Start opens at 09:50.',
      },
    ])
    expect(notices).toEqual([
      {
        text: 'Could not start: Hooks review in 10 minutes. It is too early: Start opens at 09:50.',
        tone: 'warning',
      },
    ])
  })

  it('Start the platform refuses says what it answered', async () => {
    const { actions, settle, notifier, focus } = setup()
    const start = actions.activate({ action: 'start', notification: reminder('starting_now') })
    settle(false, 'conflict')
    await start
    expect(notifier.shown).toEqual([
      {
        kind: 'notice',
        noticeId: 'press:session:ses_1:Could not start',
        title: 'Could not start',
        body: 'Hooks review in 10 minutes. Too late.',
      },
    ])
    expect(focus).toEqual([])
  })

  it('Snooze puts the reminder off; one refused says why', async () => {
    const { actions, reminders, notifier, notices, focus } = setup()
    await actions.activate({ action: 'snooze', notification: reminder('before') })
    expect(reminders.snoozed).toEqual(['ses_1'])
    expect(notifier.shown).toEqual([])
    reminders.unsnoozable.add('ses_1')
    await actions.activate({ action: 'snooze', notification: reminder('starting_now') })
    expect(notifier.shown).toEqual([expect.objectContaining({ kind: 'notice', title: 'Could not snooze' })])
    expect(notices[0]?.text).toMatch(/The session was cancelled\. The window shows it as it is now/)
    expect(focus).toEqual([])
  })

  it('an alert about what happened (cancelled, client absent or joined) only opens its session', async () => {
    const { actions, sent, reminders, focus } = setup()
    for (const moment of ['cancelled', 'client_absent', 'client_joined'] as const) {
      await actions.activate({ action: 'start', notification: reminder(moment) })
      await actions.activate({ action: 'snooze', notification: reminder(moment) })
    }
    expect(sent).toEqual([])
    expect(reminders.snoozed).toEqual([])
    expect(focus).toHaveLength(6)
    expect(new Set(focus.map((f) => JSON.stringify(f)))).toEqual(
      new Set([JSON.stringify({ kind: 'session', sessionId: 'ses_1' })]),
    )
  })
})

describe('a press on a notification as Standby quits', () => {
  const atQuit = (notifier: ReturnType<typeof setup>['notifier']) =>
    notifier.shown.filter((n) => n.kind === 'notice' && n.body === CALL_AT_QUIT).map((n) => n.title)

  it.each([
    ['primary', instant, 'Could not join'],
    ['decline', instant, 'Could not decline'],
    ['start', reminder('before'), 'Could not start'],
    ['snooze', reminder('before'), 'Could not snooze'],
  ] as const)(
    'refuses a %s pressed once the runtime closed, sending and opening nothing',
    async (action, n, title) => {
      const { actions, account, sent, focus, notifier, reminders, log } = setup()
      account.closed = true
      // A cache that is closed throws on every read.
      account.readFails.add('holds').add('answered')
      await actions.activate({ action, notification: n })
      expect(sent).toEqual([])
      expect(reminders.snoozed).toEqual([])
      expect(focus).toEqual([])
      expect(atQuit(notifier)).toEqual([title])
      expect(log.lines.filter((line) => line.startsWith('error '))).toEqual([])
      expect(log.text()).toContain(`was refused: ${CALL_AT_QUIT}`)
    },
  )

  it('refuses a Join that waited for the connection when Standby quit meanwhile: nothing is sent', async () => {
    const { actions, account, sent, focus, notifier, log } = setup()
    let settled = (): void => undefined
    account.attempt = new Promise((resolve) => (settled = resolve))
    const pressed = actions.activate({ action: 'primary', notification: instant })
    account.closed = true
    account.readFails.add('holds').add('answered')
    settled()
    await pressed
    expect(sent).toEqual([])
    expect(focus).toEqual([])
    expect(atQuit(notifier)).toEqual(['Could not join'])
    expect(log.lines.filter((line) => line.startsWith('error '))).toEqual([])
  })

  it('keeps a Snooze that waited for the platform’s time when Standby quit meanwhile, for the next start', async () => {
    const { actions, account, reminders, notifier, log } = setup()
    let known = (): void => undefined
    reminders.timeSettling = new Promise((resolve) => (known = resolve))
    const pressed = actions.activate({ action: 'snooze', notification: reminder('before') })
    expect(reminders.kept).toEqual(new Set(['ses_1']))
    account.closed = true
    known()
    await pressed
    expect(reminders.snoozed).toEqual([])
    expect(reminders.kept).toEqual(new Set(['ses_1']))
    expect(atQuit(notifier)).toEqual([])
    expect(log.lines.filter((line) => line.startsWith('error '))).toEqual([])
  })

  it('opens nothing for a body click once the runtime closed: the windows are closing', async () => {
    const { actions, account, focus, notifier } = setup()
    account.closed = true
    await actions.activate({ action: 'open', notification: instant })
    await actions.activate({ action: 'open', notification: reminder('before') })
    expect(focus).toEqual([])
    expect(notifier.shown).toEqual([])
  })
})
